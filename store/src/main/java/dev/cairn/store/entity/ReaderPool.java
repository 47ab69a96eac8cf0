package dev.cairn.store.entity;

import dev.cairn.core.entity.EntityStoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;

/**
 * A fixed set of {@link EntityReader}s, lent one caller at a time. Why several: entities are read
 * from many event loops at once and a JDBC connection serves one query at a time; WAL lets SQLite
 * readers run in parallel with each other and with the writer. A caller waits only when all
 * {@code readConnections} are busy, never for the writer.
 */
final class ReaderPool implements AutoCloseable {
  private final String where;
  private final ArrayBlockingQueue<EntityReader> idle;
  private final List<EntityReader> all = new ArrayList<>();
  private volatile boolean closed;

  ReaderPool(Path file, int readConnections) throws SQLException {
    this.where = file.toString();
    this.idle = new ArrayBlockingQueue<>(readConnections);
    try {
      for (int i = 0; i < readConnections; i++) {
        EntityReader reader = new EntityReader(where, EntitySchema.openReader(file));
        all.add(reader);
        idle.add(reader);
      }
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  <T> T read(Function<EntityReader, T> query) {
    if (closed) {
      throw EntityStoreException.closed(where);
    }
    EntityReader reader;
    try {
      reader = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EntityStoreException.io(where, "wait for a read connection", e);
    }
    if (closed) {
      idle.add(reader);
      throw EntityStoreException.closed(where);
    }
    try {
      return query.apply(reader);
    } finally {
      idle.add(reader);
    }
  }

  /**
   * Call after the writer has stopped. Reads still running finish on their connections first; the
   * closed readers then go back to the pool so that a caller still waiting for one wakes up and
   * fails with {@code entity_store_closed} instead of waiting forever.
   */
  @Override
  public void close() {
    closed = true;
    List<EntityReader> taken = new ArrayList<>();
    try {
      for (int i = 0; i < all.size(); i++) {
        EntityReader reader = idle.take();
        reader.close();
        taken.add(reader);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      idle.addAll(taken);
    }
  }
}
