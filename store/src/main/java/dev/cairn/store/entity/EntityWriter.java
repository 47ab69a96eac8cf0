package dev.cairn.store.entity;

import dev.cairn.core.Invariants;
import dev.cairn.core.entity.AlarmChange;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityStoreException;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.commit.GroupCommitQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer: runs only on the store's event loop, owns the write connection, and turns each
 * group of batches taken from the {@link GroupCommitQueue} into one transaction, hence one fsync,
 * whatever the number of entities. Futures complete after the commit returns, in queue order. A
 * commit that fails rolls back and fails every future of the group with {@code entity_store_io};
 * the writer carries on with the next group.
 *
 * <p>Per batch, everything that decides whether it may be applied is read first (its entity's
 * byte count and alarm, the old size of each key it touches) and written only if it passes; so a
 * batch refused by {@code entityBytesMax} writes nothing and does not disturb its neighbours, with
 * no savepoint needed.
 */
final class EntityWriter {
  /** A test seam: runs after a group is written, just before its commit; may throw to fail it. */
  @FunctionalInterface
  interface CommitHook {
    void beforeCommit() throws SQLException;
  }

  private final String where;
  private final Connection connection;
  private final GroupCommitQueue<EntityCommand> queue;
  private final SqliteEntityStoreLimits limits;
  private final PreparedStatement meta;
  private final PreparedStatement oldSize;
  private final PreparedStatement deleteAll;
  private final PreparedStatement deleteKey;
  private final PreparedStatement putKey;
  private final PreparedStatement deleteAlarm;
  private final PreparedStatement insertAlarm;
  private final PreparedStatement upsertMeta;
  private final PreparedStatement deleteMeta;
  private final AtomicLong commits = new AtomicLong();
  private volatile CommitHook commitHook = () -> {};

  EntityWriter(String where, Connection connection, GroupCommitQueue<EntityCommand> queue,
      SqliteEntityStoreLimits limits) throws SQLException {
    this.where = where;
    this.connection = connection;
    this.queue = queue;
    this.limits = limits;
    this.meta = connection.prepareStatement("SELECT bytes, alarm_ms FROM entity_meta WHERE ns = ? AND id = ?");
    this.oldSize = connection.prepareStatement(
        "SELECT length(key) + length(value) FROM entity_kv WHERE ns = ? AND id = ? AND key = ?");
    this.deleteAll = connection.prepareStatement("DELETE FROM entity_kv WHERE ns = ? AND id = ?");
    this.deleteKey = connection.prepareStatement("DELETE FROM entity_kv WHERE ns = ? AND id = ? AND key = ?");
    this.putKey = connection.prepareStatement("INSERT OR REPLACE INTO entity_kv (ns, id, key, value) VALUES (?, ?, ?, ?)");
    this.deleteAlarm = connection.prepareStatement("DELETE FROM entity_alarms WHERE due_ms = ? AND ns = ? AND id = ?");
    this.insertAlarm = connection.prepareStatement("INSERT OR IGNORE INTO entity_alarms (due_ms, ns, id) VALUES (?, ?, ?)");
    this.upsertMeta = connection.prepareStatement("INSERT INTO entity_meta (ns, id, bytes, alarm_ms) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (ns, id) DO UPDATE SET bytes = excluded.bytes, alarm_ms = excluded.alarm_ms");
    this.deleteMeta = connection.prepareStatement("DELETE FROM entity_meta WHERE ns = ? AND id = ?");
  }

  /** The drain task: takes and commits groups until the queue is empty, then goes idle. */
  void drain() {
    do {
      List<EntityCommand> group;
      while (!(group = queue.takeBatch(limits.transactionKeysMax())).isEmpty()) {
        switch (group.getFirst()) {
          case EntityCommand.Stop(var done) -> stop(done);
          case EntityCommand.Commit c -> commitGroup(group);
        }
      }
    } while (queue.idleOrContinue());
  }

  /** Transactions committed so far: batches share them, so this grows far slower under load. */
  long commits() {
    return commits.get();
  }

  void commitHook(CommitHook hook) {
    this.commitHook = hook;
  }

  private void commitGroup(List<EntityCommand> group) {
    List<EntityStoreException> rejections = new ArrayList<>(group.size());
    try {
      for (EntityCommand command : group) {
        rejections.add(switch (command) {
          case EntityCommand.Commit c -> apply(c.entity(), c.batch());
          case EntityCommand.Stop s -> throw new IllegalStateException("stop inside a group");
        });
      }
      commitHook.beforeCommit();
      connection.commit();
      commits.incrementAndGet();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      queue.release(group);
      EntityStoreException failure = EntityStoreException.io(where, "commit of " + group.size() + " batches", e);
      group.forEach(command -> done(command).completeExceptionally(failure));
      return;
    }
    queue.release(group); // before completing: a caller whose future completed may commit again at once
    for (int i = 0; i < group.size(); i++) {
      EntityStoreException rejection = rejections.get(i);
      if (rejection == null) {
        done(group.get(i)).complete(null);
      } else {
        done(group.get(i)).completeExceptionally(rejection);
      }
    }
  }

  /** Writes one batch into the open transaction, or returns why it is refused (writing nothing). */
  private EntityStoreException apply(EntityAddress entity, WriteBatch batch) throws SQLException {
    meta.setString(1, entity.namespace());
    meta.setString(2, entity.id());
    long bytesBefore = 0;
    Long alarmBefore = null;
    try (ResultSet rows = meta.executeQuery()) {
      if (rows.next()) {
        bytesBefore = rows.getLong(1);
        long alarm = rows.getLong(2);
        alarmBefore = rows.wasNull() ? null : alarm;
      }
    }
    List<byte[]> putKeys = new ArrayList<>(batch.puts().size());
    List<byte[]> deleteKeys = new ArrayList<>(batch.deletes().size());
    long bytesAfter = batch.deleteAll() ? 0 : bytesBefore;
    for (Map.Entry<String, byte[]> put : batch.puts().entrySet()) {
      byte[] key = KeyCodec.encode(put.getKey());
      putKeys.add(key);
      bytesAfter += key.length + put.getValue().length - (batch.deleteAll() ? 0 : storedSize(entity, key));
    }
    if (!batch.deleteAll()) {
      for (String delete : batch.deletes()) {
        byte[] key = KeyCodec.encode(delete);
        deleteKeys.add(key);
        bytesAfter -= storedSize(entity, key);
      }
    }
    Invariants.check(bytesAfter >= 0, "entity %s: byte count would go negative (%s)", entity, bytesAfter);
    long bytesMax = limits.entity().entityBytesMax();
    if (bytesAfter > bytesMax && bytesAfter > bytesBefore) { // shrinking is always allowed
      return EntityStoreException.storageExceeded(entity, bytesAfter, bytesMax);
    }

    if (batch.deleteAll()) {
      deleteAll.setString(1, entity.namespace());
      deleteAll.setString(2, entity.id());
      deleteAll.executeUpdate();
    }
    for (byte[] key : deleteKeys) {
      bindKey(deleteKey, entity, key);
      deleteKey.addBatch();
    }
    if (!deleteKeys.isEmpty()) {
      deleteKey.executeBatch();
    }
    int i = 0;
    for (byte[] value : batch.puts().values()) {
      bindKey(putKey, entity, putKeys.get(i++));
      putKey.setBytes(4, value);
      putKey.addBatch();
    }
    if (!putKeys.isEmpty()) {
      putKey.executeBatch();
    }
    Long alarmAfter = switch (batch.alarm()) {
      case AlarmChange.Unchanged u -> alarmBefore;
      case AlarmChange.Cleared c -> null;
      case AlarmChange.SetTo(long dueMs) -> dueMs;
    };
    moveAlarm(entity, alarmBefore, alarmAfter);
    writeMeta(entity, bytesAfter, alarmAfter);
    return null;
  }

  private long storedSize(EntityAddress entity, byte[] key) throws SQLException {
    bindKey(oldSize, entity, key);
    try (ResultSet rows = oldSize.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private void moveAlarm(EntityAddress entity, Long before, Long after) throws SQLException {
    if (before != null && before.equals(after)) {
      return;
    }
    if (before != null) {
      deleteAlarm.setLong(1, before);
      deleteAlarm.setString(2, entity.namespace());
      deleteAlarm.setString(3, entity.id());
      deleteAlarm.executeUpdate();
    }
    if (after != null) {
      insertAlarm.setLong(1, after);
      insertAlarm.setString(2, entity.namespace());
      insertAlarm.setString(3, entity.id());
      insertAlarm.executeUpdate();
    }
  }

  /** An entity with no data and no alarm leaves no row behind: evicted entities cost nothing. */
  private void writeMeta(EntityAddress entity, long bytes, Long alarm) throws SQLException {
    if (bytes == 0 && alarm == null) {
      deleteMeta.setString(1, entity.namespace());
      deleteMeta.setString(2, entity.id());
      deleteMeta.executeUpdate();
      return;
    }
    upsertMeta.setString(1, entity.namespace());
    upsertMeta.setString(2, entity.id());
    upsertMeta.setLong(3, bytes);
    if (alarm == null) {
      upsertMeta.setNull(4, java.sql.Types.INTEGER);
    } else {
      upsertMeta.setLong(4, alarm);
    }
    upsertMeta.executeUpdate();
  }

  private static void bindKey(PreparedStatement statement, EntityAddress entity, byte[] key) throws SQLException {
    statement.setString(1, entity.namespace());
    statement.setString(2, entity.id());
    statement.setBytes(3, key);
  }

  private void stop(CompletableFuture<Void> done) {
    try {
      connection.close();
      done.complete(null);
    } catch (SQLException e) {
      done.completeExceptionally(EntityStoreException.io(where, "close", e));
    }
  }

  private void rollbackQuietly() {
    try {
      putKey.clearBatch();
      deleteKey.clearBatch();
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is in trouble; the next group will report it with its own error.
    }
  }

  private static CompletableFuture<Void> done(EntityCommand command) {
    return switch (command) {
      case EntityCommand.Commit c -> c.done();
      case EntityCommand.Stop s -> s.done();
    };
  }
}
