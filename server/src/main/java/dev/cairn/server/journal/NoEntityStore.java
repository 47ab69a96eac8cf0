package dev.cairn.server.journal;

import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityLimits;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.core.spi.EntityStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/**
 * The storage of replayed entities: none. The {@link ReplayHost} answers every storage call from
 * the journal, so reaching this store would mean replay touched real state; it refuses loudly.
 */
final class NoEntityStore implements EntityStore {
  static final NoEntityStore INSTANCE = new NoEntityStore();

  private NoEntityStore() {}

  private static IllegalStateException refused() {
    return new IllegalStateException("replay never reads or writes real entity storage");
  }

  @Override public EntityLimits limits() { return EntityLimits.DEFAULTS; }
  @Override public Optional<byte[]> get(EntityAddress entity, String key) { throw refused(); }
  @Override public SequencedMap<String, byte[]> get(EntityAddress entity, List<String> keys) { throw refused(); }
  @Override public SequencedMap<String, byte[]> list(EntityAddress entity, ListOptions options) { throw refused(); }
  @Override public CompletableFuture<Void> commit(EntityAddress entity, WriteBatch batch) { return CompletableFuture.failedFuture(refused()); }
  @Override public OptionalLong getAlarm(EntityAddress entity) { throw refused(); }
  @Override public List<DueAlarm> dueAlarms(long nowMs, int limit) { return List.of(); }
  @Override public long storageBytes(EntityAddress entity) { throw refused(); }
  @Override public void close() {}
}
