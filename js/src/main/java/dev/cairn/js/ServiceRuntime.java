package dev.cairn.js;

import dev.cairn.core.AsyncLimiter;
import dev.cairn.core.CairnException;
import dev.cairn.core.Limits;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A running service: {@code limits.contexts} JavaScript contexts (each with its own event loop),
 * admission under {@code limits.concurrentInvocationsMax}, and the CPU watchdog. Invocations go to
 * the context with the fewest in flight. A context lost to a CPU-limit cancel is replaced.
 */
public final class ServiceRuntime extends ContextOwner implements AutoCloseable {
  /** Waiters queued for a free slot, per allowed concurrent invocation. */
  static final int QUEUE_PER_SLOT = 4;

  private final ServiceSpec spec;
  private final AsyncLimiter admission;
  private final java.util.Optional<Recording> recording;

  /**
   * How this service's invocations are journaled.
   *
   * @param codeVersion the app's code version, written into every {@code Started} entry
   * @param sink where finished journals go (it applies the recording policy)
   */
  public record Recording(String codeVersion, JournalSink sink) {}

  private ServiceRuntime(JsEngine engine, Path appDir, ServiceSpec spec, Ports ports, HostServices host,
      java.util.Optional<Recording> recording) {
    super(engine, appDir, ports, host);
    this.recording = recording;
    this.spec = spec;
    Limits l = spec.limits();
    this.admission = new AsyncLimiter(l.concurrentInvocationsMax(), l.concurrentInvocationsMax() * QUEUE_PER_SLOT,
        l.queueWaitMs(), ports().scheduler(), () -> JsException.overloaded(spec.name(), l.concurrentInvocationsMax(), l.queueWaitMs()));
  }

  /**
   * Starts the service's contexts and loads its module in each; returns once all are ready.
   *
   * @throws JsException when the module cannot be found, does not parse, or throws while loading
   */
  public static ServiceRuntime start(JsEngine engine, Path appDir, ServiceSpec spec, Ports ports, HostServices host) {
    return start(engine, appDir, spec, ports, host, java.util.Optional.empty());
  }

  /** As {@link #start(JsEngine, Path, ServiceSpec, Ports, HostServices)}, journaling every invocation. */
  public static ServiceRuntime start(JsEngine engine, Path appDir, ServiceSpec spec, Ports ports, HostServices host,
      java.util.Optional<Recording> recording) {
    ServiceRuntime s = new ServiceRuntime(engine, appDir, spec, ports, host, recording);
    s.startContexts("cairn-js-" + spec.name());
    return s;
  }

  /** Serves one HTTP request. Completes with the response or a {@link CairnException}. */
  public CompletableFuture<ResponseData> fetch(String invocationId, RequestData request) {
    return admit(invocationId, Invocation.Kind.FETCH, () -> JournalJson.request(request), (inv) -> {
      CompletableFuture<ResponseData> out = new CompletableFuture<>();
      pick().fetch(inv, request, out, admission::release);
      return out;
    });
  }

  /** Runs the {@code scheduled} handler for a cron fire. */
  public CompletableFuture<Void> scheduled(String invocationId, String cron, long scheduledTimeMs) {
    return admit(invocationId, Invocation.Kind.SCHEDULED, () -> JournalJson.scheduled(cron, scheduledTimeMs), (inv) -> {
      CompletableFuture<Void> out = new CompletableFuture<>();
      pick().scheduled(inv, cron, scheduledTimeMs, out, admission::release);
      return out;
    });
  }

  /** Calls an RPC method of the service's WorkerEntrypoint; arguments and result are structured-clone encoded. */
  public CompletableFuture<String> rpc(String invocationId, String method, String encodedArgs) {
    return admit(invocationId, Invocation.Kind.RPC, () -> JournalJson.rpcInput(method, encodedArgs), (inv) -> {
      CompletableFuture<String> out = new CompletableFuture<>();
      pick().rpc(inv, method, encodedArgs, out, admission::release);
      return out;
    });
  }

  /**
   * Runs the {@code message} handler on a batch of a subscription's messages. {@code batchJson} is
   * what the handler gets ({@code {"queue":..,"messages":[..]}}, bodies whole); {@code journalInput}
   * is what the journal records (bodies cut as docs/journal.md says). Completes with the handler's
   * decisions, {@code {"acks":[ids],"retries":[{"id":..,"delaySeconds":..}]}}.
   */
  public CompletableFuture<String> message(String invocationId, String batchJson, byte[] journalInput) {
    return admit(invocationId, Invocation.Kind.MESSAGE, () -> journalInput, (inv) -> {
      CompletableFuture<MessageDecisions> out = new CompletableFuture<>();
      pick().message(inv, batchJson, out, admission::release);
      return out.thenApply(MessageDecisions::json);
    });
  }

  private <T> CompletableFuture<T> admit(String id, Invocation.Kind kind, java.util.function.Supplier<byte[]> input,
      Function<Invocation, CompletableFuture<T>> run) {
    if (closed) return CompletableFuture.failedFuture(JsException.contextLost("service " + spec.name() + " is stopped"));
    return admission.acquire().thenCompose(v -> {
      Invocation inv = new Invocation(id, spec.name(), kind, ports().entropy().nextSeed(), ports().clock().nowMs());
      recording.ifPresent(r -> inv.recorder = new Recorder(new dev.cairn.core.journal.JournalEntry.Started(id, spec.name(),
          kind.label(), dev.cairn.core.journal.Bytes.of(input.get()), r.codeVersion(),
          inv.seed(), inv.timeMs())));
      return run.apply(inv);
    });
  }

  @Override
  java.util.Optional<JournalSink> journalSink() {
    return recording.map(Recording::sink);
  }

  private JsWorker pick() {
    JsWorker[] ws = workers;
    JsWorker best = ws[0];
    for (int i = 1; i < ws.length; i++) if (ws[i].inFlight < best.inFlight) best = ws[i];
    return best;
  }

  public ServiceSpec spec() { return spec; }

  @Override
  public String name() { return spec.name(); }

  @Override
  String module() { return spec.module(); }

  @Override
  org.graalvm.polyglot.Value entrypoint(org.graalvm.polyglot.Value exports) { return exports.getMember("default"); }

  @Override
  String missingEntrypoint() {
    return "has no default export: a service exports `export default { fetch(request, env, ctx) { ... } }`";
  }

  @Override
  java.util.Map<String, dev.cairn.core.manifest.BindingSpec> bindings() { return spec.bindings(); }

  @Override
  java.util.Map<String, Object> vars() { return spec.vars(); }

  @Override
  Limits limits() { return spec.limits(); }





  /** Invocations admitted and not yet finished. */
  public int inFlight() {
    return admission.inUse();
  }

  @Override
  public void close() {
    closeContexts();
  }
}
