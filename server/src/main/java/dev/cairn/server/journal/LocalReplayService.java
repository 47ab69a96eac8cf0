package dev.cairn.server.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.CairnException;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalException;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.Network;
import dev.cairn.core.spi.Ports;
import dev.cairn.core.spi.Scheduler;
import dev.cairn.js.JournalJson;
import dev.cairn.js.JsEngine;
import dev.cairn.js.JsException;
import dev.cairn.js.ServiceRuntime;
import dev.cairn.server.manifest.ManifestLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays recorded invocations in this process: reads the journal, loads the app (as recorded, or
 * other code), runs the handler in a fresh single context whose clock, seed and host calls all come
 * from the journal ({@link ReplayHost}), and compares. Nothing real happens: the network is refused
 * and no journal is written.
 */
public final class LocalReplayService implements ReplayService, AutoCloseable {
  /** A replay that neither finishes nor diverges within this is reported as stalled. */
  static final long REPLAY_WAIT_MS = 10_000;

  private final Path appDir;
  private final JournalStore store;
  private final JsEngine engine;
  private final Scheduler scheduler;

  /**
   * A replay context, kept for the next replay of the same service and code: creating a context and
   * warming its code costs far more than replaying a journal. Between replays only the journal
   * being answered from changes (the host, the clock and the seed are switched per replay).
   */
  private record Warm(AutoCloseable runtime, Runner runner, ReplayClock clock, SwitchingHost host, long[] seed, String codeVersion) {
    void close() {
      try {
        runtime.close();
      } catch (Exception e) {
        // a replay context that does not close cleanly is dropped all the same
      }
    }
  }

  /** Runs a recorded input on a warm runtime; completes with the output JSON, or exceptionally with the error. */
  @FunctionalInterface
  private interface Runner {
    CompletableFuture<byte[]> run(JournalEntry.Started started, String invocationId);
  }

  private final java.util.Map<String, Warm> warm = new java.util.HashMap<>();

  public LocalReplayService(Path appDir, JournalStore store, JsEngine engine, Scheduler scheduler) {
    this.appDir = appDir;
    this.store = store;
    this.engine = engine;
    this.scheduler = scheduler;
  }

  @Override
  public synchronized List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
    var summaries = store.list(new JournalStore.Query(Optional.of(service), Optional.empty(), 0, limit));
    List<ReplayReport> out = new ArrayList<>();
    for (var s : summaries) {
      if (s.status() != JournalStore.Status.RUNNING || s.kind().equals("workflow")) out.add(replay(s.invocationId(), code));
    }
    return out;
  }

  @Override
  public synchronized ReplayReport replay(String invocationId, Optional<Path> code) {
    List<byte[]> frames = store.read(invocationId);
    if (frames.isEmpty()) return error(invocationId, "invocation_not_found", "no recorded invocation " + invocationId);
    Journal journal;
    try {
      journal = Journal.fromEncoded(frames);
    } catch (JournalException e) {
      return error(invocationId, e.code(), e.getMessage());
    }
    JournalEntry.Started started = journal.started();
    if (started.kind().equals("workflow")) return replayWorkflow(invocationId, journal, code);
    if (journal.outcome().isEmpty()) return error(invocationId, "journal_incomplete", "the invocation has not ended; nothing to compare");
    JsonNode recordedInput = JournalJsonReader.parse(started.input().toArray());
    if (JournalJsonReader.truncated(recordedInput)) {
      return error(invocationId, "journal_body_truncated", "the recorded request body was kept only up to "
          + JournalJson.BODY_BYTES_MAX + " bytes (it had " + recordedInput.path("bodyTruncated").asLong()
          + "), so this invocation cannot be replayed exactly");
    }
    Path dir = code.orElse(appDir);
    boolean entity = started.kind().startsWith("entity.");
    Warm w;
    try {
      Manifest manifest = ManifestLoader.load(dir);
      if (entity) {
        var spec = manifest.entities().get(started.target());
        if (spec == null) {
          return error(invocationId, "module_not_found", "entity class " + started.target() + " no longer exists in " + dir.resolve("cairn.yaml"));
        }
        w = warmForEntity(dir, spec);
      } else {
        ServiceSpec spec = manifest.services().get(started.target());
        if (spec == null) {
          return error(invocationId, "module_not_found", "service " + started.target() + " no longer exists in " + dir.resolve("cairn.yaml"));
        }
        w = warmFor(dir, spec);
      }
    } catch (CairnException e) {
      return error(invocationId, e.code(), e.getMessage());
    }
    w.clock().set(started.timeMs());
    w.seed()[0] = started.seed();
    ReplayHost host = new ReplayHost(journal, w.clock());
    w.host().current = host;
    ReplayReport report;
    try {
      report = compare(invocationId, journal, host, w.runner().run(started, invocationId));
    } finally {
      w.host().current = null;
    }
    if (code.isEmpty() && !w.codeVersion().equals(started.codeVersion())) {
      // Without --code the app folder's code runs, which may have changed since the recording.
      report = report.withNote("replayed on the code now in " + dir + " (version " + w.codeVersion()
          + "); the invocation was recorded on version " + started.codeVersion());
    }
    if (!report.identical()) {
      // a diverged handler may still be mid-flight in that context: never reuse it
      warm.values().remove(w);
      w.close();
    } else if (w.runtime() instanceof dev.cairn.js.EntityRuntime r) {
      r.forgetAll(); // each replayed event starts on a fresh instance, as the journal's reads assume nothing cached
    }
    return report;
  }

  private Warm warmFor(Path dir, ServiceSpec spec) {
    String version = CodeVersion.of(dir);
    String key = dir.toAbsolutePath().normalize() + "|" + spec.name() + "|" + version;
    Warm w = warm.get(key);
    if (w != null) return w;
    ServiceSpec single = new ServiceSpec(spec.name(), spec.module(), spec.routes(), spec.cron(), spec.bindings(), spec.vars(),
        spec.limits().withContexts(1), spec.record(), spec.subscribe());
    ReplayClock clock = new ReplayClock(0);
    long[] seed = new long[1];
    SwitchingHost host = new SwitchingHost();
    Ports ports = replayPorts(clock, seed);
    ServiceRuntime runtime = ServiceRuntime.start(engine, dir, single, ports, host);
    w = new Warm(runtime, (started, id) -> run(runtime, started, id), clock, host, seed, version);
    keep(key, w);
    return w;
  }

  /** A warm entity class whose storage is the journal: every read and write is answered by the {@link ReplayHost}. */
  private Warm warmForEntity(Path dir, dev.cairn.core.manifest.ClassSpec spec) {
    String version = CodeVersion.of(dir);
    String key = dir.toAbsolutePath().normalize() + "|entity:" + spec.name() + "|" + version;
    Warm w = warm.get(key);
    if (w != null) return w;
    var single = new dev.cairn.core.manifest.ClassSpec(spec.name(), spec.module(), spec.className(), spec.bindings(), spec.vars(),
        spec.limits().withContexts(1), spec.instances());
    ReplayClock clock = new ReplayClock(0);
    long[] seed = new long[1];
    SwitchingHost host = new SwitchingHost();
    Ports ports = replayPorts(clock, seed);
    var runtime = dev.cairn.js.EntityRuntime.start(engine, dir, single, ports, host, NoEntityStore.INSTANCE, Optional.empty());
    w = new Warm(runtime, (started, id) -> runEntity(runtime, started, id), clock, host, seed, version);
    keep(key, w);
    return w;
  }

  /** The ports of a replay: the journal's clock and seed, and a network that refuses everything. */
  private Ports replayPorts(ReplayClock clock, long[] seed) {
    Network refused = (request, max, timeout) -> CompletableFuture.failedFuture(
        new IllegalStateException("replay never performs a real side effect"));
    return new Ports(clock, () -> seed[0], scheduler, refused);
  }

  /**
   * A workflow journal, finished or still waiting, replayed against the code: identical (for a
   * waiting instance: up to the wait it is parked at), or the first place the code departs.
   */
  private ReplayReport replayWorkflow(String invocationId, Journal journal, Optional<Path> code) {
    Path dir = code.orElse(appDir);
    JournalEntry.Started started = journal.started();
    dev.cairn.core.manifest.ClassSpec spec;
    try {
      spec = ManifestLoader.load(dir).workflows().get(started.target());
    } catch (CairnException e) {
      return error(invocationId, e.code(), e.getMessage());
    }
    if (spec == null) {
      return error(invocationId, "module_not_found", "workflow " + started.target() + " no longer exists in " + dir.resolve("cairn.yaml"));
    }
    String version = CodeVersion.of(dir);
    String key = dir.toAbsolutePath().normalize() + "|workflow:" + spec.name() + "|" + version;
    Warm w = warm.get(key);
    if (w == null) {
      ReplayClock clock = new ReplayClock(0);
      var single = new dev.cairn.core.manifest.ClassSpec(spec.name(), spec.module(), spec.className(), spec.bindings(), spec.vars(),
          spec.limits().withContexts(1), spec.instances());
      try {
        var contexts = dev.cairn.js.WorkflowContexts.start(engine, dir, single, replayPorts(clock, new long[1]), new SwitchingHost());
        w = new Warm(contexts, null, clock, new SwitchingHost(), new long[1], version);
      } catch (CairnException e) {
        return error(invocationId, e.code(), e.getMessage());
      }
      keep(key, w);
    }
    var verdict = dev.cairn.server.workflow.WorkflowReplay.replay(journal, (dev.cairn.js.WorkflowRunner) w.runtime(), new SwitchingHost(),
        spec.className());
    if (!verdict.error().isEmpty()) return error(invocationId, verdict.error().split(":", 2)[0].strip(),
        verdict.error().contains(":") ? verdict.error().split(":", 2)[1].strip() : verdict.error());
    ReplayReport report = verdict.identical()
        ? new ReplayReport(invocationId, true, -1, "", "", "", "", verdict.frontier().isEmpty() ? "" : "identical up to where it waits: " + verdict.frontier())
        : new ReplayReport(invocationId, false, journal.size() - 1, verdict.recorded(), verdict.actual(), "", "");
    if (code.isEmpty() && !version.equals(started.codeVersion())) {
      report = report.withNote((report.note().isEmpty() ? "" : report.note() + "; ") + "replayed on the code now in " + dir
          + " (version " + version + "); the instance started on version " + started.codeVersion());
    }
    return report;
  }

  private void keep(String key, Warm w) {
    if (warm.size() >= WARM_MAX) {
      warm.values().forEach(Warm::close);
      warm.clear();
    }
    warm.put(key, w);
  }

  private static CompletableFuture<byte[]> runEntity(dev.cairn.js.EntityRuntime runtime, JournalEntry.Started started, String id) {
    JsonNode input = JournalJsonReader.parse(started.input().toArray());
    String entity = input.path("entity").asText();
    String name = input.has("name") ? input.path("name").asText() : null;
    return switch (started.kind()) {
      case "entity.fetch" -> runtime.fetch(id, entity, name, JournalJsonReader.request(input.path("request"))).thenApply(JournalJson::response);
      case "entity.rpc" -> runtime.rpc(id, entity, name, input.path("call").path("method").asText(), input.path("call").path("args").asText())
          .thenApply(JournalJson::value);
      case "entity.alarm" -> runtime.alarm(id, entity, input.path("alarm").path("scheduledTime").asLong(),
          input.path("alarm").path("retryCount").asInt()).thenApply(v -> JournalJson.EMPTY_OBJECT);
      default -> CompletableFuture.failedFuture(JsException.internal("cannot replay invocations of kind " + started.kind(), null));
    };
  }

  /** Replay contexts kept warm at most; past it they are all dropped (replays of many apps are rare). */
  static final int WARM_MAX = 16;

  @Override
  public synchronized void close() {
    warm.values().forEach(Warm::close);
    warm.clear();
  }

  /** Runs the recorded input; completes with the output JSON, or exceptionally with the error. */
  private static CompletableFuture<byte[]> run(ServiceRuntime runtime, JournalEntry.Started started, String id) {
    JsonNode input = JournalJsonReader.parse(started.input().toArray());
    return switch (started.kind()) {
      case "fetch" -> runtime.fetch(id, JournalJsonReader.request(input)).thenApply(JournalJson::response);
      case "scheduled" -> runtime.scheduled(id, input.path("cron").asText(), input.path("scheduledTime").asLong())
          .thenApply(v -> JournalJson.EMPTY_OBJECT);
      case "rpc" -> runtime.rpc(id, input.path("method").asText(), input.path("args").asText()).thenApply(JournalJson::value);
      case "message" -> runtime.message(id, new String(started.input().toArray(), StandardCharsets.UTF_8), started.input().toArray())
          .thenApply(decisions -> decisions.getBytes(StandardCharsets.UTF_8));
      default -> CompletableFuture.failedFuture(JsException.internal("cannot replay invocations of kind " + started.kind(), null));
    };
  }

  private static ReplayReport compare(String id, Journal journal, ReplayHost host, CompletableFuture<byte[]> result) {
    Object first;
    try {
      first = CompletableFuture.anyOf(result.handle((v, e) -> v != null ? v : (Object) e), host.divergence())
          .get(REPLAY_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return error(id, "replay_stalled", "the replayed handler neither finished nor diverged within " + REPLAY_WAIT_MS + " ms");
    } catch (Exception e) {
      return error(id, "internal_error", String.valueOf(e));
    }
    if (host.divergence().isDone()) {
      ReplayHost.Divergence d = host.divergence().join();
      return new ReplayReport(id, false, d.entryIndex(), d.recorded(), d.actual(), d.jsStack(), "");
    }
    List<JournalEntry.HostCall> notMade = host.notMade();
    if (!notMade.isEmpty()) {
      var call = notMade.getFirst();
      return new ReplayReport(id, false, host.entryIndexOf(call), ReplayHost.describe(call), "the code no longer makes this call", "", "");
    }
    int endIndex = journal.size() - 1;
    JournalEntry.End end = journal.outcome().orElseThrow();
    if (first instanceof byte[] output) {
      if (end instanceof JournalEntry.Completed c && Arrays.equals(c.output().toArray(), output)) {
        return new ReplayReport(id, true, -1, "", "", "", "");
      }
      return new ReplayReport(id, false, endIndex, describeEnd(end), "output " + text(output), "", "");
    }
    CairnException e = first instanceof Throwable t ? unwrap(t) : JsException.internal("no result", null);
    if (end instanceof JournalEntry.Failed f && f.code().equals(e.code()) && f.message().equals(e.getMessage())) {
      return new ReplayReport(id, true, -1, "", "", "", "");
    }
    return new ReplayReport(id, false, endIndex, describeEnd(end), "failed " + e.code() + ": " + e.getMessage(),
        e instanceof JsException js ? js.jsStack() : "", "");
  }

  private static String describeEnd(JournalEntry.End end) {
    return switch (end) {
      case JournalEntry.Completed c -> "output " + text(c.output().toArray());
      case JournalEntry.Failed f -> "failed " + f.code() + ": " + f.message();
    };
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "… (" + bytes.length + " bytes)" : s;
  }

  private static CairnException unwrap(Throwable t) {
    Throwable e = t;
    while (e.getCause() != null && !(e instanceof CairnException)) e = e.getCause();
    return e instanceof CairnException ce ? ce : JsException.internal(String.valueOf(e), e);
  }

  private static ReplayReport error(String id, String code, String message) {
    return new ReplayReport(id, false, -1, "", "", "", code + ": " + message);
  }
}
