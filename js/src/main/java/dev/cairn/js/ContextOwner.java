package dev.cairn.js;

import dev.cairn.core.Limits;
import dev.cairn.core.spi.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.spi.Ports;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Value;

/**
 * What owns a set of JavaScript contexts — a stateless service ({@link ServiceRuntime}) or an entity
 * class ({@link EntityRuntime}) — as the contexts, their event loops and the Host see it: which
 * module to load and what to take from it, the env it gets, its limits, ports and journal.
 */
abstract class ContextOwner implements WorkflowRunner {
  /** How often the CPU watchdog looks at running tasks. */
  static final long WATCHDOG_PERIOD_MS = 5;

  private final JsEngine engine;
  private final Path appDir;
  private final Ports ports;
  private final HostServices host;

  ContextOwner(JsEngine engine, Path appDir, Ports ports, HostServices host) {
    this.engine = engine;
    this.appDir = appDir.toAbsolutePath().normalize();
    this.ports = ports;
    this.host = host;
  }

  /** The contexts, each with its event loop; replaced whole when one is lost. */
  volatile JsWorker[] workers;
  volatile boolean closed;
  private volatile Cancellable watchdog = () -> {};
  /** True while the watchdog is scheduled: from the first invocation in flight until none is left. */
  private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Creates {@code limits().contexts()} contexts and loads the module in each; returns once all are
   * ready. The CPU watchdog starts with the first invocation ({@link #invocationBegun}).
   *
   * @throws JsException when the module cannot be found, does not parse, or throws while loading
   */
  final void startContexts(String loopName) {
    JsWorker[] ws = new JsWorker[limits().contexts()];
    List<CompletableFuture<Void>> loads = new ArrayList<>();
    for (int i = 0; i < ws.length; i++) {
      ws[i] = new JsWorker(this, ports().scheduler().newEventLoop(loopName), loopName);
      loads.add(ws[i].load());
    }
    workers = ws;
    try {
      CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      for (JsWorker w : ws) w.close();
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw e;
    }
  }

  /**
   * A worker took an invocation (any thread, after counting it in flight): makes sure the watchdog
   * is looking. An idle owner has no watchdog, so a node with many services, entity classes and
   * parked workflows does not wake every 5 ms for each of them.
   */
  final void invocationBegun() {
    if (!watching.get() && watching.compareAndSet(false, true)) scheduleWatchdog();
  }

  private void scheduleWatchdog() {
    if (closed) return;
    watchdog = ports().scheduler().schedule(WATCHDOG_PERIOD_MS, this::watch);
  }

  private void watch() {
    long limitNs = limits().cpuTimeMs() * 1_000_000L;
    for (JsWorker w : workers) w.checkCpu(limitNs);
    if (anyInFlight()) {
      scheduleWatchdog();
      return;
    }
    watching.set(false);
    // An invocation counted between the look above and this point found the watchdog still on and
    // left it; it is in flight now, so look once more (whichever of the two sees the other re-arms).
    if (anyInFlight()) invocationBegun();
  }

  private boolean anyInFlight() {
    for (JsWorker w : workers) if (w.inFlight > 0) return true;
    return false;
  }

  /** Replaces a context that had to be cancelled (a CPU-limit stop that an interrupt could not end). */
  final void replace(JsWorker broken) {
    if (closed) return;
    JsWorker fresh = new JsWorker(this, ports().scheduler().newEventLoop(broken.loopName()), broken.loopName());
    fresh.load().whenComplete((v, err) -> {
      if (err != null) {
        host().log(null, "error", "could not replace a lost context of " + name() + ": " + err);
        return;
      }
      synchronized (this) {
        JsWorker[] ws = workers.clone();
        for (int i = 0; i < ws.length; i++) if (ws[i] == broken) ws[i] = fresh;
        workers = ws;
      }
      replaced(broken);
      broken.close();
    });
  }

  /** After {@code broken} was swapped out: forget what lived in it. */
  void replaced(JsWorker broken) {}

  /**
   * Runs {@code run(event, step)} of the workflow class {@code className} in one of these contexts
   * (chosen by {@code pinKey}), with {@code runHost} answering every host call — the workflow engine's
   * journaling host. Completes with the output as structured-clone text, or the error.
   */
  @Override
  public final CompletableFuture<String> runWorkflow(String invocationId, long seed, long startMs, String className,
      String eventJson, HostServices runHost, String pinKey) {
    if (closed) return CompletableFuture.failedFuture(JsException.contextLost(name() + " is stopped"));
    Invocation inv = new Invocation(invocationId, name(), Invocation.Kind.WORKFLOW, seed, startMs);
    inv.host = runHost;
    JsWorker[] ws = workers;
    JsWorker worker = ws[Math.floorMod(pinKey.hashCode(), ws.length)];
    CompletableFuture<String> out = new CompletableFuture<>();
    worker.workflowRun(inv, className, eventJson, out, () -> {});
    return out;
  }

  /** Runs {@code task} on the event loop {@code pinKey} is pinned to (where that workflow's runs execute). */
  @Override
  public final void execute(String pinKey, Runnable task) {
    JsWorker[] ws = workers;
    ws[Math.floorMod(pinKey.hashCode(), ws.length)].post(task);
  }

  /** Ends a workflow run without an answer: it suspended, and its JS state goes. */
  @Override
  public final void abandonWorkflow(String invocationId, String pinKey) {
    JsWorker[] ws = workers;
    ws[Math.floorMod(pinKey.hashCode(), ws.length)].abandon(invocationId);
  }

  /** Stops the watchdog and closes every context. */
  final void closeContexts() {
    closed = true;
    watchdog.cancel();
    for (JsWorker w : workers) w.close();
  }
  /** The service's or class's name, as journals and logs show it. */
  abstract String name();

  /** The module path, relative to the app folder. */
  abstract String module();

  /** What a context takes from the module's exports: the default export, or a named class. */
  abstract Value entrypoint(Value exports);

  /** A sentence for the error when {@link #entrypoint} finds nothing. */
  abstract String missingEntrypoint();

  abstract Map<String, BindingSpec> bindings();

  abstract Map<String, Object> vars();

  abstract Limits limits();

  final Ports ports() {
    return ports;
  }

  final HostServices host() {
    return host;
  }

  final JsEngine engine() {
    return engine;
  }

  final Path appDir() {
    return appDir;
  }

  /** A named class of the module's exports, or null when there is none (the entity and workflow entrypoint). */
  static Value classExport(Value exports, String className) {
    Value klass = exports.getMember(className);
    return klass != null && klass.canInstantiate() ? klass : null;
  }

  abstract Optional<JournalSink> journalSink();
}
