package dev.cairn.js;

import dev.cairn.core.Invariants;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityStoreException;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.core.spi.EntityStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One live entity: its write-back cache, its gates and its pending writes. Everything here runs on
 * the event loop of the context the entity is pinned to (never another thread), so it needs no lock.
 *
 * <p><b>Input gate.</b> Events are delivered one at a time: the next one starts only after the
 * previous one's first task ran, and never while a storage read is in flight, a
 * {@code blockConcurrencyWhile} is running or a transaction is open. At other awaits (a fetch, a
 * call to another entity) the gate is open and the next event may run — as in Durable Objects, and
 * why an entity that calls another entity which calls back does not deadlock.
 *
 * <p><b>Writes and the output gate.</b> A write goes to the cache at once (reads see it) and into the
 * open batch. The open batch is committed when the gate is open at the end of a task — so all
 * writes made without an intervening non-storage await are one atomic batch — or before the entity
 * answers or sends anything (the output gate): a response leaves only once every write made before
 * it is durable. Batches are committed in order (the store keeps the order), so waiting for the
 * last one is waiting for all.
 */
public final class EntityInstance {
  /** Bytes counted per cached entry besides its key and value: the map node and the objects around it. */
  static final int ENTRY_OVERHEAD_BYTES = 96;

  private final EntityRuntime runtime;
  private final EntityAddress address;
  private final JsWorker worker;
  private final EntityStore store;
  /** Known keys: a value, or a tombstone (null) for a key known to be absent. */
  private final TreeMap<String, String> cache = new TreeMap<>();
  /** True when the cache knows every key (after a full list or a deleteAll): a miss is an absent key. */
  private boolean complete;
  private Long alarmMs;
  private boolean alarmKnown;
  private WriteBatch.Builder open = WriteBatch.builder();
  private boolean openDirty;
  private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);
  /** Writes of the open transaction, over the cache: a value or a tombstone. */
  private TreeMap<String, String> txWrites;
  private boolean txDeleteAll;
  private Long txAlarm;
  private boolean txAlarmSet;
  private int storageReadsPending;
  private int blocked;
  private boolean starting;
  private int eventsRunning;
  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
  private long cachedBytes;
  private long lastUsedMs;
  private boolean evicted;
  private boolean resetWanted;
  private EntityStoreException broken;
  /** The alarm time being delivered now, so the sweep does not deliver it twice. */
  Long alarmRunning;

  EntityInstance(EntityRuntime runtime, EntityAddress address, JsWorker worker, EntityStore store, long nowMs) {
    this.runtime = runtime;
    this.address = address;
    this.worker = worker;
    this.store = store;
    this.lastUsedMs = nowMs;
  }

  public EntityAddress address() {
    return address;
  }

  /** The entity's id (64 hex digits): its key in the context's registry. */
  public String id() {
    return address.id();
  }

  JsWorker worker() {
    return worker;
  }

  // ---- events (on the loop)

  /**
   * Queues an event; {@code start} runs (as a task of the loop) when the input gate lets it.
   * Returns false when the instance was evicted meanwhile: the caller takes a fresh one.
   */
  boolean submit(Runnable start) {
    if (evicted) return false;
    queued.add(start);
    pump();
    return true;
  }

  /** Starts the next queued event if the gate is open. */
  private void pump() {
    if (queued.isEmpty() || !gateOpen() || starting) return;
    Runnable next = queued.poll();
    starting = true;
    lastUsedMs = runtime.nowMs();
    worker.post(next);
  }

  /**
   * The event let in by the gate begins ({@code starting} until its first task ends). One stopped
   * while it still waited (its wall time ran out in the queue) never begins, and never counts as running.
   */
  void eventBegun() {
    eventsRunning++;
  }

  private boolean gateOpen() {
    return storageReadsPending == 0 && blocked == 0 && txWrites == null;
  }

  /** An event ended (answered and its waitUntil work done). */
  void eventFinished() {
    eventsRunning--;
    Invariants.check(eventsRunning >= 0, "%s: more events finished than began", address);
    lastUsedMs = runtime.nowMs();
    if (resetWanted) worker.post(this::resetIfStuck);
  }

  /**
   * An event was stopped part-way by a limit (CPU, wall time): the rest of its code never runs, so
   * a {@code transaction()} or {@code blockConcurrencyWhile()} it was in never ends and the input
   * gate would stay shut. Looked at once the running task is over (not before: its own microtasks
   * may still close what it opened) and again as other running events finish.
   */
  void eventStopped() {
    resetWanted = true;
    worker.post(this::resetIfStuck);
  }

  /**
   * With no event running (none can reopen the gate), a gate that a stopped event left shut resets
   * the instance in place, as Workers resets a Durable Object that went over a limit: the open
   * transaction is rolled back (its writes were never in the cache), a block is lifted, and the
   * JavaScript object is dropped so the next event constructs a fresh one (the stopped event may
   * have left it half-changed). Storage, the cache and committed or pending writes stay as they are.
   */
  private void resetIfStuck() {
    if (!resetWanted || evicted || eventsRunning > 0 || starting) return;
    resetWanted = false;
    if (txWrites == null && blocked == 0) return;
    txWrites = null;
    txDeleteAll = false;
    txAlarmSet = false;
    blocked = 0;
    worker.evictEntity(id());
    runtime.host().log(null, "warn", "entity " + address + " reset: an event was stopped inside a transaction or blockConcurrencyWhile");
    if (openDirty) commitOpen();
    pump();
  }

  /**
   * The end of a task that ran code of this entity: commit the open batch when the gate is open
   * (writes coalesce across storage awaits, not across other awaits), then let the next event in.
   */
  void endOfTask(boolean eventStarted) {
    if (eventStarted) starting = false;
    if (gateOpen() && openDirty) commitOpen();
    pump();
  }

  /** {@code blockConcurrencyWhile}: no event is delivered until {@code unblock}. */
  void block() {
    blocked++;
  }

  void unblock() {
    blocked--;
    Invariants.check(blocked >= 0, "%s: unblocked more than blocked", address);
  }

  /**
   * The output gate: a future that completes once every write made so far is durable (committing
   * the open batch now if it has writes). Responses and outgoing calls wait for it.
   */
  CompletableFuture<Void> durable() {
    if (broken != null) return CompletableFuture.failedFuture(broken);
    if (openDirty && txWrites == null) commitOpen();
    return lastCommit;
  }

  private void commitOpen() {
    WriteBatch batch = open.build();
    open = WriteBatch.builder();
    openDirty = false;
    CompletableFuture<Void> committed;
    try {
      committed = store.commit(address, batch);
    } catch (RuntimeException e) {
      committed = CompletableFuture.failedFuture(e);
    }
    lastCommit = committed;
    if (batch.alarm() instanceof dev.cairn.core.entity.AlarmChange.SetTo to) {
      committed.thenRun(() -> runtime.alarmSet(to.dueMs()));
    }
    committed.whenComplete((v, error) -> {
      if (error != null) worker.post(() -> breakWith(error));
    });
  }

  /** A commit failed: what the cache holds is no longer what the store holds, so the instance goes. */
  private void breakWith(Throwable error) {
    if (broken != null) return;
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    broken = cause instanceof EntityStoreException e && !e.code().equals("entity_store_io")
        ? e : EntityStoreException.broken(address, String.valueOf(cause.getMessage()));
    runtime.evictBroken(this);
  }

  // ---- eviction (on the loop)

  /** True when nothing runs, waits or is unwritten, and it was last used before {@code idleSinceMs}. */
  boolean evictable(long idleSinceMs) {
    return eventsRunning == 0 && queued.isEmpty() && !starting && storageReadsPending == 0 && blocked == 0
        && txWrites == null && !openDirty && lastCommit.isDone() && alarmRunning == null && lastUsedMs <= idleSinceMs;
  }

  long lastUsedMs() {
    return lastUsedMs;
  }

  long cachedBytes() {
    return cachedBytes;
  }

  boolean isEvicted() {
    return evicted;
  }

  void markEvicted() {
    evicted = true;
  }

  /** Events that were queued when the instance was evicted or broke: the runtime re-delivers or fails them. */
  List<Runnable> drainQueued() {
    List<Runnable> out = new ArrayList<>(queued);
    queued.clear();
    return out;
  }

  EntityStoreException brokenBy() {
    return broken;
  }

  // ---- storage (on the loop): the live answers to ctx.storage

  /** Performs {@code op}; writes and cache hits answer at once, misses read the store off the loop. */
  CompletableFuture<StorageResult> perform(StorageOp op) {
    if (broken != null) return CompletableFuture.failedFuture(broken);
    lastUsedMs = runtime.nowMs();
    try {
      return switch (op) {
        case StorageOp.Get g -> get(g);
        case StorageOp.Put p -> done(put(p));
        case StorageOp.Delete d -> delete(d);
        case StorageOp.ListKeys l -> list(l.options());
        case StorageOp.DeleteAll d -> done(deleteAll());
        case StorageOp.GetAlarm g -> getAlarm();
        case StorageOp.SetAlarm s -> done(setAlarm(s.timeMs()));
        case StorageOp.Transaction t -> done(transaction(t.action()));
        case StorageOp.Sync s -> durable().thenApply(v -> StorageResult.DONE);
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static CompletableFuture<StorageResult> done(StorageResult r) {
    return CompletableFuture.completedFuture(r);
  }

  /** What the entity sees for {@code key} without the store: a value, a tombstone, or unknown ({@code Optional.empty}). */
  private java.util.Optional<String> known(String key) {
    if (txWrites != null) {
      if (txWrites.containsKey(key)) return java.util.Optional.of(nullToTombstone(txWrites.get(key)));
      if (txDeleteAll) return java.util.Optional.of(TOMBSTONE);
    }
    if (cache.containsKey(key)) return java.util.Optional.of(nullToTombstone(cache.get(key)));
    if (complete) return java.util.Optional.of(TOMBSTONE);
    return java.util.Optional.empty();
  }

  /** Marks an absent key inside {@link #known}; never a stored value (those start with J or T). */
  private static final String TOMBSTONE = "\0absent";

  private static String nullToTombstone(String v) {
    return v == null ? TOMBSTONE : v;
  }

  private static String tombstoneToNull(String v) {
    return TOMBSTONE.equals(v) ? null : v;
  }

  private CompletableFuture<StorageResult> get(StorageOp.Get g) {
    store.limits().checkKeys(g.keys());
    List<String> missing = new ArrayList<>();
    for (String k : g.keys()) if (known(k).isEmpty()) missing.add(k);
    if (missing.isEmpty()) return done(getAnswer(g));
    return readStore(() -> store.get(address, missing), values -> {
      for (String k : missing) remember(k, values.containsKey(k) ? new String(values.get(k), StandardCharsets.UTF_8) : null);
      return getAnswer(g);
    });
  }

  private StorageResult getAnswer(StorageOp.Get g) {
    if (!g.multi()) return new StorageResult.Value(tombstoneToNull(known(g.keys().getFirst()).orElseThrow()));
    TreeMap<String, String> found = new TreeMap<>();
    for (String k : g.keys()) {
      String v = tombstoneToNull(known(k).orElseThrow());
      if (v != null) found.put(k, v);
    }
    return new StorageResult.Entries(List.copyOf(found.keySet()), List.copyOf(found.values()));
  }

  /** Remembers what the store said about {@code key}, unless the entity wrote it meanwhile. */
  private void remember(String key, String value) {
    if (cache.containsKey(key)) return;
    cache.put(key, value);
    account(key, null, value);
  }

  private StorageResult put(StorageOp.Put p) {
    Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();
    for (int i = 0; i < p.keys().size(); i++) encoded.put(p.keys().get(i), p.values().get(i).getBytes(StandardCharsets.UTF_8));
    // check everything before writing anything: a refused put leaves no trace
    WriteBatch.Builder check = WriteBatch.builder();
    encoded.forEach(check::put);
    store.limits().checkBatch(check.build());
    for (int i = 0; i < p.keys().size(); i++) write(p.keys().get(i), p.values().get(i), encoded.get(p.keys().get(i)));
    return StorageResult.DONE;
  }

  private void write(String key, String value, byte[] encoded) {
    if (txWrites != null) {
      txWrites.put(key, value);
      return;
    }
    String before = cache.containsKey(key) ? cache.get(key) : null;
    cache.put(key, value);
    account(key, before, value);
    if (value == null) open.delete(key);
    else open.put(key, encoded);
    openDirty = true;
    runtime.touched(this);
  }

  private CompletableFuture<StorageResult> delete(StorageOp.Delete d) {
    store.limits().checkKeys(d.keys());
    List<String> missing = new ArrayList<>();
    for (String k : d.keys()) if (known(k).isEmpty()) missing.add(k);
    if (missing.isEmpty()) return done(deleteKnown(d.keys()));
    return readStore(() -> store.get(address, missing), values -> {
      for (String k : missing) remember(k, values.containsKey(k) ? new String(values.get(k), StandardCharsets.UTF_8) : null);
      return deleteKnown(d.keys());
    });
  }

  private StorageResult deleteKnown(List<String> keys) {
    int existed = 0;
    for (String k : new java.util.LinkedHashSet<>(keys)) {
      if (tombstoneToNull(known(k).orElseThrow()) != null) existed++;
      write(k, null, null);
    }
    return new StorageResult.Count(existed);
  }

  private CompletableFuture<StorageResult> list(ListOptions options) {
    if (complete && !txDeleteAll) return done(listAnswer(options, new TreeMap<>()));
    if (txDeleteAll) return done(listAnswer(options, new TreeMap<>()));
    // The store knows committed keys only; the cache overlays what this activation wrote. Ask the
    // store for enough entries that the cache's tombstones in range cannot leave fewer than the limit.
    int tombstones = 0;
    for (var e : cache.entrySet()) if (e.getValue() == null && options.admits(e.getKey())) tombstones++;
    int ask = options.limit() == Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, (long) options.limit() + tombstones);
    ListOptions storeOptions = options.withLimit(ask);
    boolean everything = options.equals(ListOptions.ALL);
    return readStore(() -> store.list(address, storeOptions), stored -> {
      TreeMap<String, String> fromStore = new TreeMap<>();
      stored.forEach((k, v) -> fromStore.put(k, new String(v, StandardCharsets.UTF_8)));
      if (everything) {
        fromStore.forEach(this::remember);
        complete = true;
      }
      return listAnswer(options, fromStore);
    });
  }

  /** The store's entries with the cache and the open transaction laid over them, ordered and cut as asked. */
  private StorageResult listAnswer(ListOptions options, TreeMap<String, String> fromStore) {
    TreeMap<String, String> merged = new TreeMap<>(fromStore);
    for (var e : cache.entrySet()) {
      if (!options.admits(e.getKey())) continue;
      if (e.getValue() == null) merged.remove(e.getKey());
      else merged.put(e.getKey(), e.getValue());
    }
    if (txWrites != null) {
      if (txDeleteAll) merged.clear();
      for (var e : txWrites.entrySet()) {
        if (!options.admits(e.getKey())) continue;
        if (e.getValue() == null) merged.remove(e.getKey());
        else merged.put(e.getKey(), e.getValue());
      }
    }
    NavigableMap<String, String> ordered = options.reverse() ? merged.descendingMap() : merged;
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (var e : ordered.entrySet()) {
      if (!options.admits(e.getKey())) continue;
      if (keys.size() >= options.limit()) break;
      keys.add(e.getKey());
      values.add(e.getValue());
    }
    return new StorageResult.Entries(keys, values);
  }

  private StorageResult deleteAll() {
    if (txWrites != null) {
      txWrites.clear();
      txDeleteAll = true;
      return StorageResult.DONE;
    }
    for (var e : cache.entrySet()) account(e.getKey(), e.getValue(), null);
    cache.clear();
    complete = true;
    open.deleteAll();
    openDirty = true;
    runtime.touched(this);
    return StorageResult.DONE;
  }

  private CompletableFuture<StorageResult> getAlarm() {
    if (txWrites != null && txAlarmSet) return done(new StorageResult.Alarm(txAlarm));
    if (alarmKnown) return done(new StorageResult.Alarm(alarmMs));
    return readStore(() -> store.getAlarm(address), stored -> {
      if (!alarmKnown) {
        alarmKnown = true;
        alarmMs = stored.isPresent() ? stored.getAsLong() : null;
      }
      return new StorageResult.Alarm(alarmMs);
    });
  }

  private StorageResult setAlarm(Long timeMs) {
    if (txWrites != null) {
      txAlarm = timeMs;
      txAlarmSet = true;
      return StorageResult.DONE;
    }
    alarmMs = timeMs;
    alarmKnown = true;
    open.setAlarm(timeMs == null ? OptionalLong.empty() : OptionalLong.of(timeMs));
    openDirty = true;
    runtime.touched(this);
    return StorageResult.DONE;
  }

  /** The alarm handler for {@code scheduledTimeMs} succeeded: clear the alarm, unless the handler moved it. */
  void alarmHandled(long scheduledTimeMs) {
    if (!alarmKnown || java.util.Objects.equals(alarmMs, scheduledTimeMs)) setAlarm(null);
  }

  /** The alarm as this instance knows it (for the alarm runner: was it moved while the handler ran?). */
  Long knownAlarm() {
    return alarmKnown ? alarmMs : null;
  }

  boolean alarmKnown() {
    return alarmKnown;
  }

  private StorageResult transaction(String action) {
    switch (action) {
      case "begin" -> {
        Invariants.check(txWrites == null, "%s: a transaction is already open", address);
        txWrites = new TreeMap<>();
        txDeleteAll = false;
        txAlarmSet = false;
      }
      case "commit" -> {
        Invariants.check(txWrites != null, "%s: commit without a transaction", address);
        TreeMap<String, String> writes = txWrites;
        boolean deleteAll = txDeleteAll;
        boolean alarmSet = txAlarmSet;
        Long alarm = txAlarm;
        txWrites = null;
        txAlarmSet = false;
        if (deleteAll) deleteAll();
        if (!writes.isEmpty()) {
          List<String> keys = new ArrayList<>();
          List<String> values = new ArrayList<>();
          writes.forEach((k, v) -> {
            if (v == null) write(k, null, null);
            else {
              keys.add(k);
              values.add(v);
            }
          });
          if (!keys.isEmpty()) put(new StorageOp.Put(keys, values));
        }
        if (alarmSet) setAlarm(alarm);
        runtime.touched(this);
      }
      case "rollback" -> {
        Invariants.check(txWrites != null, "%s: rollback without a transaction", address);
        txWrites = null;
        txAlarmSet = false;
        runtime.touched(this);
      }
      default -> throw EntityStoreException.invalidArgument("transaction action " + action);
    }
    return StorageResult.DONE;
  }

  /**
   * A read the cache cannot answer: done off the loop (the store may block), answered back on the
   * loop. The input gate stays closed until the answer has reached the code ({@link #readDelivered}),
   * not merely arrived: else another event could slip in between the two and see the same state.
   */
  private <T> CompletableFuture<StorageResult> readStore(java.util.function.Supplier<T> read,
      java.util.function.Function<T, StorageResult> answer) {
    storageReadsPending++;
    CompletableFuture<StorageResult> out = new CompletableFuture<>();
    runtime.ports().scheduler().executeBlocking(() -> {
      T value;
      try {
        value = read.get();
      } catch (RuntimeException e) {
        worker.post(() -> out.completeExceptionally(e));
        return;
      }
      worker.post(() -> {
        try {
          out.complete(answer.apply(value));
        } catch (RuntimeException e) {
          out.completeExceptionally(e);
        }
      });
    });
    return out;
  }

  /** The answer of a store read was handed to the code, in the task that runs its continuation. */
  void readDelivered() {
    storageReadsPending--;
    Invariants.check(storageReadsPending >= 0, "%s: more reads delivered than made", address);
    runtime.touched(this);
  }

  private void account(String key, String before, String after) {
    // Once evicted, its cache was released: a read answering late (an instance that broke with reads
    // in flight) must not add bytes nothing will ever take off the runtime's total.
    if (evicted) return;
    long delta = size(key, after) - size(key, before);
    cachedBytes += delta;
    runtime.accountBytes(delta);
  }

  private static long size(String key, String value) {
    return value == null ? ENTRY_OVERHEAD_BYTES / 2 + key.length() * 2L
        : ENTRY_OVERHEAD_BYTES + key.length() * 2L + value.length() * 2L;
  }

  /** Frees the cache's accounting when the instance goes. */
  void releaseCache() {
    runtime.accountBytes(-cachedBytes);
    cachedBytes = 0;
    cache.clear();
  }
}
