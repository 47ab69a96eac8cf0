package dev.cairn.js;

import dev.cairn.core.AsyncLimiter;
import dev.cairn.core.Limits;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.InstanceLimits;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.manifest.ClassSpec;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.EntityStore;
import dev.cairn.core.spi.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running entity class (Durable Objects' namespace): its contexts, exactly one live
 * {@link EntityInstance} per id on this node, created on first use and evicted when idle or when
 * the class is over its {@link InstanceLimits}, and re-created transparently by the next event.
 * Instances are pinned to a context by their id, so all of one entity's code runs on one event loop.
 *
 * <p>Every event is journaled, whatever the manifest's recording policy: an entity is durable, and
 * its journal is how it is inspected and replayed.
 */
public final class EntityRuntime extends ClassContextOwner implements AlarmTarget, AutoCloseable {
  /** Longest pause between two eviction sweeps. */
  static final long SWEEP_PERIOD_MAX_MS = 1_000;

  private final EntityStore store;
  private final Optional<ServiceRuntime.Recording> recording;
  private final AsyncLimiter admission;
  private final ConcurrentHashMap<String, EntityInstance> instances = new ConcurrentHashMap<>();
  private final AtomicLong cachedBytes = new AtomicLong();
  private volatile Cancellable sweep = () -> {};
  private volatile java.util.function.LongConsumer alarmListener = t -> {};

  private EntityRuntime(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host, EntityStore store,
      Optional<ServiceRuntime.Recording> recording) {
    super(engine, appDir, spec, ports, host, "entities", "DurableObject { ... }");
    this.store = store;
    this.recording = recording;
    Limits l = spec.limits();
    this.admission = new AsyncLimiter(l.concurrentInvocationsMax(), l.concurrentInvocationsMax() * ServiceRuntime.QUEUE_PER_SLOT,
        l.queueWaitMs(), ports().scheduler(), () -> JsException.overloaded(spec.name(), l.concurrentInvocationsMax(), l.queueWaitMs()));
  }

  /**
   * Starts the class's contexts and loads its module in each.
   *
   * @throws JsException when the module does not load or does not export the class
   */
  public static EntityRuntime start(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host,
      EntityStore store, Optional<ServiceRuntime.Recording> recording) {
    EntityRuntime r = new EntityRuntime(engine, appDir, spec, ports, host, store, recording);
    r.startContexts("cairn-entity-" + spec.name());
    r.scheduleSweep();
    return r;
  }

  // ---- events (any thread)

  /** {@code stub.fetch(request)}: one HTTP event of the entity {@code id}. */
  public CompletableFuture<ResponseData> fetch(String invocationId, String id, String name, RequestData request) {
    return event(invocationId, id, Invocation.Kind.ENTITY_FETCH,
        () -> JournalJson.entityInput(id, name, "request", JournalJson.request(request)),
        (worker, inv, instance, out, done) -> worker.entityFetch(inv, instance, name, request, out, done));
  }

  /** {@code stub.method(args)}: an RPC call; arguments and result are structured-clone text. */
  public CompletableFuture<String> rpc(String invocationId, String id, String name, String method, String encodedArgs) {
    return event(invocationId, id, Invocation.Kind.ENTITY_RPC,
        () -> JournalJson.entityInput(id, name, "call", JournalJson.rpcInput(method, encodedArgs)),
        (worker, inv, instance, out, done) -> worker.entityRpc(inv, instance, name, method, encodedArgs, out, done));
  }

  /** The entity's alarm fired; {@code retryCount} is 0 the first time. */
  @Override
  public CompletableFuture<Void> alarm(String invocationId, String id, long scheduledTimeMs, int retryCount) {
    return this.<Void>event(invocationId, id, Invocation.Kind.ENTITY_ALARM,
        () -> JournalJson.entityInput(id, null, "alarm",
            ("{\"scheduledTime\":" + scheduledTimeMs + ",\"retryCount\":" + retryCount + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        (worker, inv, instance, out, done) -> {
          instance.alarmRunning = scheduledTimeMs;
          worker.entityAlarm(inv, instance, scheduledTimeMs, retryCount, out, done);
        }).whenComplete((v, e) -> alarmOver(id));
  }

  /** How an event is handed to the context once its instance is known. */
  @FunctionalInterface
  interface Delivery<T> {
    void deliver(JsWorker worker, Invocation inv, EntityInstance instance, CompletableFuture<T> out, Runnable onFinished);
  }

  private <T> CompletableFuture<T> event(String invocationId, String id, Invocation.Kind kind,
      java.util.function.Supplier<byte[]> input, Delivery<T> delivery) {
    if (closed) return CompletableFuture.failedFuture(JsException.contextLost("entity class " + spec.name() + " is stopped"));
    return admission.acquire().thenCompose(v -> {
      Invocation inv = new Invocation(invocationId, spec.name(), kind, ports().entropy().nextSeed(), ports().clock().nowMs());
      recording.ifPresent(r -> inv.recorder = new Recorder(new JournalEntry.Started(invocationId, spec.name(), kind.label(),
          Bytes.of(input.get()), r.codeVersion(), inv.seed(), inv.timeMs())));
      CompletableFuture<T> out = new CompletableFuture<>();
      deliver(inv, id, out, delivery);
      return out;
    });
  }

  /** Resolves the live instance on its loop and queues the event there; an instance evicted meanwhile is replaced. */
  private <T> void deliver(Invocation inv, String id, CompletableFuture<T> out, Delivery<T> delivery) {
    EntityInstance instance = instance(id);
    instance.worker().post(() -> {
      if (instance.isEvicted()) {
        deliver(inv, id, out, delivery);
        return;
      }
      inv.entity = instance;
      delivery.deliver(instance.worker(), inv, instance, out, admission::release);
    });
  }

  /** The live instance {@code id}, or null. */
  EntityInstance liveInstance(String id) {
    EntityInstance i = instances.get(id);
    return i == null || i.isEvicted() ? null : i;
  }

  private EntityInstance instance(String id) {
    EntityInstance existing = instances.get(id);
    if (existing != null) return existing;
    EntityInstance created = instances.computeIfAbsent(id, k -> {
      JsWorker[] ws = workers;
      JsWorker worker = ws[Math.floorMod(k.hashCode(), ws.length)];
      return new EntityInstance(this, new EntityAddress(spec.name(), k), worker, store, ports().clock().nowMs());
    });
    if (instances.size() > spec.instances().instancesMax()) sweepNow();
    return created;
  }

  /** After an alarm event, handled or not: the instance may be evicted again. */
  private void alarmOver(String id) {
    EntityInstance instance = instances.get(id);
    if (instance != null) instance.worker().post(() -> instance.alarmRunning = null);
  }

  @Override
  public InstanceLimits instanceLimits() {
    return spec.instances();
  }

  /** An alarm whose retries ran out: clear it, unless it was moved meanwhile. */
  @Override
  public void dropAlarm(String id, long dueMs) {
    EntityInstance instance = instance(id);
    instance.worker().post(() -> {
      if (instance.isEvicted()) {
        dropAlarm(id, dueMs);
        return;
      }
      Long known = instance.alarmKnown() ? instance.knownAlarm() : storedAlarm(id);
      if (java.util.Objects.equals(known, dueMs)) {
        instance.perform(new StorageOp.SetAlarm(null));
        instance.endOfTask(false);
      }
    });
  }

  private Long storedAlarm(String id) {
    var stored = store.getAlarm(new EntityAddress(spec.name(), id));
    return stored.isPresent() ? stored.getAsLong() : null;
  }

  // ---- eviction

  private void scheduleSweep() {
    if (closed) return;
    long period = Math.max(10, Math.min(SWEEP_PERIOD_MAX_MS, spec.instances().idleMs() / 2));
    sweep = ports().scheduler().schedule(period, () -> {
      sweepNow();
      scheduleSweep();
    });
  }

  /** Evicts idle instances, and least recently used ones while the class is over its limits. */
  void sweepNow() {
    InstanceLimits limits = spec.instances();
    long now = ports().clock().nowMs();
    boolean over = instances.size() > limits.instancesMax() || cachedBytes.get() > limits.cacheBytesMax();
    for (JsWorker w : workers) {
      w.post(() -> {
        List<EntityInstance> mine = new ArrayList<>();
        for (EntityInstance i : instances.values()) if (i.worker() == w && !i.isEvicted()) mine.add(i);
        for (EntityInstance i : mine) if (i.evictable(now - limits.idleMs())) evict(i);
        if (!over) return;
        mine.sort(Comparator.comparingLong(EntityInstance::lastUsedMs));
        for (EntityInstance i : mine) {
          if (instances.size() <= limits.instancesMax() && cachedBytes.get() <= limits.cacheBytesMax()) break;
          if (!i.isEvicted() && i.evictable(Long.MAX_VALUE)) evict(i);
        }
      });
    }
  }

  /** On the instance's loop: forget it here and in its context; the next event makes a fresh one. */
  private void evict(EntityInstance instance) {
    instance.markEvicted();
    instances.remove(instance.id(), instance);
    instance.releaseCache();
    instance.worker().evictEntity(instance.id());
  }

  /** A commit of {@code instance} failed: it goes, and what waited for it fails or moves to a fresh instance. */
  void evictBroken(EntityInstance instance) {
    if (instance.isEvicted()) return;
    List<Runnable> waiting = instance.drainQueued();
    evict(instance);
    // queued events never saw the lost state: they run on a fresh instance
    for (Runnable r : waiting) r.run();
  }

  /** Evicts every idle instance at once (replay: each replayed event starts on a fresh instance). Waits for it. */
  public void forgetAll() {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (JsWorker w : workers) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      done.add(f);
      w.post(() -> {
        for (EntityInstance i : List.copyOf(instances.values())) {
          if (i.worker() == w && !i.isEvicted() && i.evictable(Long.MAX_VALUE)) evict(i);
        }
        f.complete(null);
      });
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
  }

  // ---- what instances ask of their runtime

  long nowMs() {
    return ports().clock().nowMs();
  }

  void touched(EntityInstance instance) {
    instance.worker().touch(instance);
  }

  void accountBytes(long delta) {
    cachedBytes.addAndGet(delta);
  }

  /** A committed batch set an alarm: the alarm runner may need to wake earlier. */
  void alarmSet(long dueMs) {
    alarmListener.accept(dueMs);
  }

  /** Who to tell when an alarm is set (the node's alarm runner). */
  @Override
  public void onAlarmSet(java.util.function.LongConsumer listener) {
    this.alarmListener = listener;
  }

  /** Live instances now (for tests and metrics). */
  public int liveInstances() {
    return instances.size();
  }

  /** Bytes of cached storage values now, as counted against {@code cacheBytesMax}. */
  public long cachedBytes() {
    return cachedBytes.get();
  }

  public ClassSpec spec() {
    return spec;
  }

  // ---- ContextOwner

  @Override
  Optional<JournalSink> journalSink() { return recording.map(ServiceRuntime.Recording::sink); }

  @Override
  void replaced(JsWorker broken) {
    // the lost context took its instances' memory with it; their storage is intact
    for (EntityInstance i : List.copyOf(instances.values())) {
      if (i.worker() == broken) {
        i.markEvicted();
        instances.remove(i.id(), i);
        i.releaseCache();
      }
    }
  }

  /** Invocations admitted and not yet finished. */
  public int inFlight() {
    return admission.inUse();
  }

  @Override
  public void close() {
    sweep.cancel();
    closeContexts();
  }
}
