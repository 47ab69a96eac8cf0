package dev.cairn.core.capability;

import java.util.concurrent.CompletableFuture;

/**
 * What every provider of every contract can do besides its contract: say whether it can serve now,
 * and release what it holds. A provider is safe to call from many threads at once.
 *
 * <p>Calls return futures and never make the caller wait on the network, a lock or another writer.
 * A provider may complete a future before returning it — on the caller's thread — when the work
 * cannot wait on any of those (sqlite kv's reads from its local file); callers must not assume a
 * future completes later or elsewhere.
 */
public interface CapabilityProvider extends AutoCloseable {
  /**
   * Completes normally when the provider can serve (its server answers a cheap round trip), else
   * with {@code capability_unavailable}. Called periodically by the runtime; must not block.
   */
  CompletableFuture<Void> health();

  /** Releases connections and files. Calls still in flight may fail with {@code capability_unavailable}. */
  @Override
  void close();
}
