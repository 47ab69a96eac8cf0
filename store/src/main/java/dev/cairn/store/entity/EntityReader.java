package dev.cairn.store.entity;

import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityStoreException;
import dev.cairn.core.entity.ListOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * The read side on one connection of its own (a {@link ReaderPool} holds several): in WAL mode it
 * sees the last committed snapshot while the writer writes and fsyncs, so reads never queue behind
 * a commit. Not thread-safe: the pool lends it to one caller at a time.
 */
final class EntityReader implements AutoCloseable {
  private static final String RANGE = "SELECT key, value FROM entity_kv WHERE ns = ? AND id = ? AND key >= ? AND key < ?";

  private final String where;
  private final Connection connection;
  private final PreparedStatement get;
  private final PreparedStatement ascending;
  private final PreparedStatement descending;
  private final PreparedStatement meta;
  private final PreparedStatement due;

  EntityReader(String where, Connection connection) throws SQLException {
    this.where = where;
    this.connection = connection;
    this.get = connection.prepareStatement("SELECT value FROM entity_kv WHERE ns = ? AND id = ? AND key = ?");
    this.ascending = connection.prepareStatement(RANGE + " ORDER BY key LIMIT ?");
    this.descending = connection.prepareStatement(RANGE + " ORDER BY key DESC LIMIT ?");
    this.meta = connection.prepareStatement("SELECT bytes, alarm_ms FROM entity_meta WHERE ns = ? AND id = ?");
    this.due = connection.prepareStatement(
        "SELECT due_ms, ns, id FROM entity_alarms WHERE due_ms <= ? ORDER BY due_ms, ns, id LIMIT ?");
  }

  Optional<byte[]> get(EntityAddress entity, String key) {
    try {
      return Optional.ofNullable(value(entity, KeyCodec.encode(key)));
    } catch (SQLException e) {
      throw EntityStoreException.io(where, "get from " + entity, e);
    }
  }

  /** Present keys only, in key order (the caller sorted and deduplicated them). */
  SequencedMap<String, byte[]> get(EntityAddress entity, List<String> sortedKeys) {
    SequencedMap<String, byte[]> values = new LinkedHashMap<>();
    try {
      for (String key : sortedKeys) {
        byte[] value = value(entity, KeyCodec.encode(key));
        if (value != null) {
          values.put(key, value);
        }
      }
      return values;
    } catch (SQLException e) {
      throw EntityStoreException.io(where, "get from " + entity, e);
    }
  }

  SequencedMap<String, byte[]> list(EntityAddress entity, ListOptions options) {
    byte[] low = options.start().map(KeyCodec::encode).orElse(new byte[0]);
    byte[] high = options.end().map(KeyCodec::encode).orElse(KeyCodec.ABOVE_ALL);
    if (options.prefix().isPresent()) {
      low = max(low, KeyCodec.encode(options.prefix().get()));
      high = min(high, KeyCodec.prefixEnd(options.prefix().get()));
    }
    SequencedMap<String, byte[]> entries = new LinkedHashMap<>();
    if (Arrays.compareUnsigned(low, high) >= 0) {
      return entries;
    }
    PreparedStatement range = options.reverse() ? descending : ascending;
    try {
      range.setString(1, entity.namespace());
      range.setString(2, entity.id());
      range.setBytes(3, low);
      range.setBytes(4, high);
      range.setInt(5, options.limit());
      try (ResultSet rows = range.executeQuery()) {
        while (rows.next()) {
          entries.put(KeyCodec.decode(rows.getBytes(1)), rows.getBytes(2));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw EntityStoreException.io(where, "list " + entity, e);
    }
  }

  OptionalLong alarm(EntityAddress entity) {
    try {
      meta.setString(1, entity.namespace());
      meta.setString(2, entity.id());
      try (ResultSet rows = meta.executeQuery()) {
        if (!rows.next()) {
          return OptionalLong.empty();
        }
        long alarm = rows.getLong(2);
        return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(alarm);
      }
    } catch (SQLException e) {
      throw EntityStoreException.io(where, "alarm of " + entity, e);
    }
  }

  long bytes(EntityAddress entity) {
    try {
      meta.setString(1, entity.namespace());
      meta.setString(2, entity.id());
      try (ResultSet rows = meta.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw EntityStoreException.io(where, "storage bytes of " + entity, e);
    }
  }

  List<DueAlarm> due(long nowMs, int limit) {
    List<DueAlarm> alarms = new ArrayList<>();
    try {
      due.setLong(1, nowMs);
      due.setInt(2, limit);
      try (ResultSet rows = due.executeQuery()) {
        while (rows.next()) {
          alarms.add(new DueAlarm(new EntityAddress(rows.getString(2), rows.getString(3)), rows.getLong(1)));
        }
      }
      return alarms;
    } catch (SQLException e) {
      throw EntityStoreException.io(where, "due alarms", e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing at shutdown; nothing left to protect.
    }
  }

  private byte[] value(EntityAddress entity, byte[] key) throws SQLException {
    get.setString(1, entity.namespace());
    get.setString(2, entity.id());
    get.setBytes(3, key);
    try (ResultSet rows = get.executeQuery()) {
      return rows.next() ? rows.getBytes(1) : null;
    }
  }

  private static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }
}
