package dev.cairn.core.spi;

import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityLimits;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/**
 * Port: the storage under Durable-Object-style entities (DESIGN.md §2). Each entity is a sorted map
 * from string keys to opaque values (the runtime encodes structured-clone values; the store never
 * looks inside), plus at most one alarm time.
 *
 * <p><b>Key order</b> is UTF-16 code-unit order, {@link String#compareTo}, the order in which
 * Durable Objects' {@code list()} returns keys, for every string including lone surrogates.
 *
 * <p><b>Consistency contract</b> (every implementation):
 *
 * <ul>
 *   <li><b>Atomic batches.</b> {@link #commit} applies a whole {@link WriteBatch} (writes, deletes,
 *       deleteAll, alarm) or nothing. A batch refused by a limit ({@link EntityLimits}) fails
 *       its future and changes nothing; the other batches sharing its transaction are unaffected.
 *   <li><b>Durable on completion.</b> The future completes normally only once the batch is durable
 *       (fsync'd). This is the output gate's signal: the runtime holds an entity's response until
 *       the futures of the writes made before it have completed. Commits of many entities share
 *       one fsync (group commit).
 *   <li><b>Order.</b> Batches apply in the order their {@code commit} calls returned. So the runtime
 *       may pipeline an entity's batches and wait only for the last one.
 *   <li><b>Reads are read-committed.</b> {@link #get}, {@link #list}, {@link #getAlarm} and
 *       {@link #storageBytes} see committed batches only, never one still queued. Durable Objects
 *       promise an entity that it reads its own writes at once: that is the runtime's per-entity
 *       write-back cache, above this port, which answers from pending writes first. The store
 *       does not and cannot do it, since it does not know which caller a pending batch belongs to.
 *   <li><b>A crash loses only unacknowledged batches</b>, and what survives is a prefix of the
 *       batches in commit order.
 * </ul>
 *
 * <p>Futures complete on the store's writer thread: continuations that block go in
 * {@code thenRunAsync}, and one must never wait for another commit's future.
 */
public interface EntityStore extends AutoCloseable {
  /** The bounds this store enforces. */
  EntityLimits limits();

  /** The committed value of {@code key}, if any. */
  Optional<byte[]> get(EntityAddress entity, String key);

  /**
   * The committed values of the {@code keys} that exist, in key order; at most
   * {@code keysPerCallMax} keys ({@code entity_too_many_keys}).
   */
  SequencedMap<String, byte[]> get(EntityAddress entity, List<String> keys);

  /** Committed entries matching {@code options}, in the order it asks for. */
  SequencedMap<String, byte[]> list(EntityAddress entity, ListOptions options);

  /**
   * Queues {@code batch} for the next group commit; the future completes when it is durable, or
   * fails with an {@code EntityStoreException}. Never blocks on I/O. Limits that need no stored data
   * are checked at once (the future fails before anything is queued); {@code entityBytesMax} is
   * checked inside the commit.
   */
  CompletableFuture<Void> commit(EntityAddress entity, WriteBatch batch);

  /** The committed alarm time of {@code entity} (ms since the epoch), if one is set. */
  OptionalLong getAlarm(EntityAddress entity);

  /**
   * Up to {@code limit} alarms due at or before {@code nowMs}, earliest first (ties by entity).
   * An alarm stays due until a committed batch clears or moves it, so a crash between firing and
   * clearing fires it again: alarms are at least once.
   */
  List<DueAlarm> dueAlarms(long nowMs, int limit);

  /** Bytes the entity holds now (committed), as counted against {@code entityBytesMax}. */
  long storageBytes(EntityAddress entity);

  /** Commits everything already accepted, then releases the store; later calls fail. */
  @Override
  void close();
}
