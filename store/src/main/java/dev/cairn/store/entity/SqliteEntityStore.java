package dev.cairn.store.entity;

import dev.cairn.core.Invariants;
import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityLimits;
import dev.cairn.core.entity.EntityStoreException;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.core.spi.EntityStore;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Scheduler;
import dev.cairn.store.commit.GroupCommitQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link EntityStore} in its own SQLite file, with group commit across entities.
 *
 * <p><b>Why group commit.</b> Each event of each entity ends in a durable commit, and an fsync
 * (≈ 120 µs here) caps SQLite at a few thousand commits/s whatever their size (FACTS.md, Storage).
 * So {@link #commit} only queues the batch and returns a future; one writer (an {@link EventLoop}
 * from the {@link Scheduler} port, not a thread of ours) takes everything queued, up to
 * {@code transactionKeysMax} keys, writes it in one transaction and commits (one fsync) for all
 * those entities at once. While it fsyncs, the next group gathers. This is the same
 * {@link GroupCommitQueue} as the journal's.
 *
 * <p><b>Checks.</b> Limits that need no stored data (key and value sizes, keys per batch) are
 * checked on the caller's thread before queuing: a refused batch never reaches the writer. The
 * entity's byte total is checked by the writer inside the transaction, where the count is exact.
 *
 * <p><b>Reads</b> go through a {@link ReaderPool} of read-only connections and see the last
 * commit (read-committed; the runtime's write-back cache gives an entity its own pending writes).
 *
 * <p><b>Durability.</b> WAL with {@code synchronous=FULL}: a completed future means the batch is in
 * the fsync'd log. One store per file and per process.
 */
public final class SqliteEntityStore implements EntityStore {
  private final Path file;
  private final SqliteEntityStoreLimits limits;
  private final EventLoop loop;
  private final GroupCommitQueue<EntityCommand> queue;
  private final EntityWriter writer;
  private final ReaderPool readers;

  private SqliteEntityStore(Path file, Scheduler scheduler, SqliteEntityStoreLimits limits, Connection write,
      ReaderPool readers) throws SQLException {
    this.file = file;
    this.limits = limits;
    this.readers = readers;
    this.loop = scheduler.newEventLoop("entity-writer");
    String where = file.toString();
    this.queue = new GroupCommitQueue<>(limits.queueKeysMax(), new GroupCommitQueue.Refusals() {
      @Override
      public RuntimeException closed() {
        return EntityStoreException.closed(where);
      }

      @Override
      public RuntimeException overloaded(long queued, long queueMax) {
        return EntityStoreException.overloaded(queued, queueMax);
      }
    }, this::wakeWriter);
    this.writer = new EntityWriter(where, write, queue, limits);
  }

  /** Opens (creating if needed) the entity database at {@code file} with the default limits. */
  public static SqliteEntityStore open(Path file, Scheduler scheduler) {
    return open(file, scheduler, SqliteEntityStoreLimits.DEFAULTS);
  }

  /**
   * Opens (creating if needed) the entity database at {@code file}; its parent folder must exist.
   *
   * @throws EntityStoreException {@code entity_store_io} when the file cannot be opened or set up
   */
  public static SqliteEntityStore open(Path file, Scheduler scheduler, SqliteEntityStoreLimits limits) {
    Invariants.notNull(file, "entity store file");
    Invariants.notNull(scheduler, "scheduler");
    Invariants.notNull(limits, "limits");
    Connection write = null;
    ReaderPool readers = null;
    try {
      write = EntitySchema.openWriter(file);
      readers = new ReaderPool(file, limits.readConnections());
      return new SqliteEntityStore(file, scheduler, limits, write, readers);
    } catch (SQLException e) {
      if (readers != null) {
        readers.close();
      }
      closeQuietly(write);
      throw EntityStoreException.io(file.toString(), "open entity store", e);
    }
  }

  @Override
  public EntityLimits limits() {
    return limits.entity();
  }

  @Override
  public Optional<byte[]> get(EntityAddress entity, String key) {
    Invariants.notNull(entity, "entity");
    Invariants.notNull(key, "key");
    limits.entity().checkKey(key);
    return readers.read(r -> r.get(entity, key));
  }

  @Override
  public SequencedMap<String, byte[]> get(EntityAddress entity, List<String> keys) {
    Invariants.notNull(entity, "entity");
    Invariants.notNull(keys, "keys");
    limits.entity().checkKeys(keys);
    List<String> sorted = List.copyOf(new TreeSet<>(keys));
    return readers.read(r -> r.get(entity, sorted));
  }

  @Override
  public SequencedMap<String, byte[]> list(EntityAddress entity, ListOptions options) {
    Invariants.notNull(entity, "entity");
    Invariants.notNull(options, "list options");
    return readers.read(r -> r.list(entity, options));
  }

  @Override
  public CompletableFuture<Void> commit(EntityAddress entity, WriteBatch batch) {
    Invariants.notNull(entity, "entity");
    Invariants.notNull(batch, "write batch");
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      limits.entity().checkBatch(batch);
    } catch (EntityStoreException refused) {
      done.completeExceptionally(refused);
      return done;
    }
    queue.offer(new EntityCommand.Commit(entity, batch, done)).ifPresent(done::completeExceptionally);
    return done;
  }

  @Override
  public OptionalLong getAlarm(EntityAddress entity) {
    Invariants.notNull(entity, "entity");
    return readers.read(r -> r.alarm(entity));
  }

  @Override
  public List<DueAlarm> dueAlarms(long nowMs, int limit) {
    Invariants.check(limit >= 1, "dueAlarms limit must be at least 1, got %s", limit);
    return readers.read(r -> r.due(nowMs, limit));
  }

  @Override
  public long storageBytes(EntityAddress entity) {
    Invariants.notNull(entity, "entity");
    return readers.read(r -> r.bytes(entity));
  }

  /** Transactions committed since open: far fewer than batches when group commit works. */
  public long commits() {
    return writer.commits();
  }

  /** Keys accepted and not yet committed, against {@code queueKeysMax}. */
  public long queuedKeys() {
    return queue.queued();
  }

  /** The database file, for diagnostics. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    Invariants.check(!loop.inLoop(), "close() from the entity writer thread would wait for itself");
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    if (!queue.close(new EntityCommand.Stop(stopped))) {
      return;
    }
    try {
      stopped.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    } finally {
      loop.close();
      readers.close();
    }
  }

  /**
   * Fault injection: runs {@code hook} on the writer just before each group commit; it may block or
   * throw. A delay widens the window between a write and its durability, which crash tests use to
   * prove the output gate holds.
   */
  public void beforeEachCommit(Runnable hook) {
    writer.commitHook(hook::run);
  }

  void commitHook(EntityWriter.CommitHook hook) {
    writer.commitHook(hook);
  }

  /** Called by the queue when work arrives for an idle writer. */
  private void wakeWriter() {
    loop.execute(writer::drain);
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Already failing to open; the original error is the one worth reporting.
    }
  }
}
