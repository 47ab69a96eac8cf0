package dev.cairn.store.entity;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The entity database's tables and connection settings, in one place.
 *
 * <p>{@code entity_kv} is clustered on {@code (ns, id, key)} ({@code WITHOUT ROWID}): a get is one
 * lookup, a list one range scan in either direction, a deleteAll one range delete. Keys are
 * {@link KeyCodec} blobs, so byte order is UTF-16 order. {@code entity_meta} holds one row per
 * entity that has data or an alarm: its byte count (kept in the same transaction as the writes, so
 * {@code entityBytesMax} is checked without scanning) and its alarm time (the lookup by entity).
 * {@code entity_alarms} is keyed by {@code (due_ms, ns, id)}: the due query reads the front of it,
 * however many alarms there are.
 */
final class EntitySchema {
  /** Bumped on any incompatible change; a newer file is refused rather than misread. */
  static final int VERSION = 1;

  private static final String[] DDL = {
    """
    CREATE TABLE IF NOT EXISTS entity_kv (
      ns    TEXT NOT NULL,
      id    TEXT NOT NULL,
      key   BLOB NOT NULL,
      value BLOB NOT NULL,
      PRIMARY KEY (ns, id, key)
    ) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS entity_meta (
      ns       TEXT    NOT NULL,
      id       TEXT    NOT NULL,
      bytes    INTEGER NOT NULL CHECK (bytes >= 0),
      alarm_ms INTEGER,
      PRIMARY KEY (ns, id)
    ) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS entity_alarms (
      due_ms INTEGER NOT NULL,
      ns     TEXT    NOT NULL,
      id     TEXT    NOT NULL,
      PRIMARY KEY (due_ms, ns, id)
    ) WITHOUT ROWID""",
  };

  private EntitySchema() {}

  /** The write connection: WAL, {@code synchronous=FULL} (a commit fsyncs), explicit transactions. */
  static Connection openWriter(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
        String journalMode = mode.next() ? mode.getString(1) : "";
        if (!journalMode.equalsIgnoreCase("wal")) {
          throw new SQLException("cannot switch to WAL mode, journal_mode is " + journalMode);
        }
      }
      statement.execute("PRAGMA synchronous=FULL");
      int version;
      try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
        version = rows.next() ? rows.getInt(1) : 0;
      }
      if (version > VERSION) {
        throw new SQLException("entity database version " + version + " is newer than this Cairn (" + VERSION + ")");
      }
      for (String ddl : DDL) {
        statement.execute(ddl);
      }
      statement.execute("PRAGMA user_version=" + VERSION);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** A read connection: autocommit, so each query reads the latest committed snapshot (WAL). */
  static Connection openReader(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only=ON");
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }
}
