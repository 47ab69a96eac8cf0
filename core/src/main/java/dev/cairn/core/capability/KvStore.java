package dev.cairn.core.capability;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code kv} contract: a map from string keys to byte values, each with optional metadata and
 * expiration.
 *
 * <p>Semantics every provider keeps (the shared contract test checks each one):
 *
 * <ul>
 *   <li><b>Consistency.</b> Linearizable per key on one provider: once a write's future completed,
 *       every later read — from any caller of the same provider — sees it or a later write. (Workers
 *       KV is eventually consistent; Cairn's providers are stronger, and code written for Workers
 *       works unchanged.) There are no multi-key transactions.
 *   <li><b>Atomic counters and compare-and-set.</b> {@link #increment} and {@link #compareAndSet} are
 *       atomic against every other operation on the key, from any number of callers.
 *   <li><b>Order.</b> {@link #list} returns keys in ascending order of their UTF-8 bytes (as Workers
 *       KV does), from the cursor on, at most {@code limit}; a key written or deleted during a
 *       listing may or may not appear.
 *   <li><b>Expiration.</b> A key whose expiration time (epoch ms, from the runtime's {@code Clock})
 *       has passed is absent for {@code get}, {@code list}, {@code increment} and {@code
 *       compareAndSet}; when its storage is reclaimed is the provider's business.
 *   <li><b>Counters.</b> {@link #increment} treats the value as a decimal integer in ASCII (a
 *       missing key counts as 0) and stores the result the same way, without metadata and without
 *       expiration; a value that is not such an integer fails with {@code
 *       capability_invalid_argument}.
 * </ul>
 *
 * Arguments are already checked against {@link KvLimits} by the caller.
 */
public interface KvStore extends CapabilityProvider {
  /** The bounds this provider was opened with (within what it can hold); the runtime checks calls against them. */
  KvLimits limits();

  CompletableFuture<Optional<KvEntry>> get(String key);

  CompletableFuture<Void> put(String key, byte[] value, KvWrite write);

  /** Deleting a missing key succeeds. */
  CompletableFuture<Void> delete(String key);

  CompletableFuture<KvPage> list(KvListQuery query);

  /** Adds {@code delta} and returns the new value. */
  CompletableFuture<Long> increment(String key, long delta);

  /**
   * Writes {@code value} only if the key's current value is {@code expected} (empty: only if the
   * key is absent). True when it wrote.
   */
  CompletableFuture<Boolean> compareAndSet(String key, Optional<byte[]> expected, byte[] value, KvWrite write);
}
