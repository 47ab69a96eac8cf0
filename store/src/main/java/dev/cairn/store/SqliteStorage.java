package dev.cairn.store;

import dev.cairn.core.Invariants;
import dev.cairn.core.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Storage} in one SQLite file: the embedded default, nothing to install or run.
 *
 * <p><b>Durability.</b> The database runs in WAL mode with {@code synchronous=FULL}, so every
 * autocommitted write fsyncs the log before it returns: a {@code put} that returned survives a
 * crash or power loss, as the Storage contract demands. ({@code synchronous=NORMAL}, SQLite's
 * usual WAL pairing, skips that fsync and would break the contract.)
 *
 * <p><b>Concurrency.</b> One connection, used under one lock: SQLite serialises writers anyway, and
 * a single connection keeps statement reuse and error handling simple. Reads wait behind writes;
 * when that matters, add a pool of read connections (WAL lets them read concurrently).
 *
 * <p>Rows live in {@code entries(namespace, key, value)}, a {@code WITHOUT ROWID} table clustered
 * on its primary key, so a lookup is one B-tree descent.
 */
public final class SqliteStorage implements Storage {
  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS entries (
        namespace TEXT NOT NULL,
        key       TEXT NOT NULL,
        value     TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
      ) WITHOUT ROWID""";

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final PreparedStatement select;
  private final PreparedStatement upsert;
  private final PreparedStatement remove;
  private boolean closed;

  private SqliteStorage(Path file, Connection connection) throws SQLException {
    this.file = file;
    this.connection = connection;
    this.select = connection.prepareStatement("SELECT value FROM entries WHERE namespace = ? AND key = ?");
    this.upsert = connection.prepareStatement(
        "INSERT INTO entries (namespace, key, value) VALUES (?, ?, ?) "
            + "ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value");
    this.remove = connection.prepareStatement("DELETE FROM entries WHERE namespace = ? AND key = ?");
  }

  /**
   * Opens (creating if needed) the database at {@code file}. The parent directory must exist.
   *
   * @throws StoreException {@code store_io} when the file cannot be opened or set up
   */
  public static SqliteStorage open(Path file) {
    Invariants.notNull(file, "storage file");
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
          String journalMode = mode.next() ? mode.getString(1) : "";
          if (!journalMode.equalsIgnoreCase("wal")) {
            throw new SQLException("cannot switch to WAL mode, journal_mode is " + journalMode);
          }
        }
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute(SCHEMA);
      }
      return new SqliteStorage(file, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw StoreException.io(file, "open", e);
    }
  }

  @Override
  public Optional<String> get(String namespace, String key) {
    checkArguments(namespace, key);
    lock.lock();
    try {
      requireOpen();
      select.setString(1, namespace);
      select.setString(2, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.io(file, "get " + namespace + "/" + key, e);
    } finally {
      lock.unlock();
    }
  }

  /** Returns once the value is fsync'd (autocommit, WAL, {@code synchronous=FULL}). */
  @Override
  public void put(String namespace, String key, String value) {
    checkArguments(namespace, key);
    Invariants.notNull(value, "value");
    lock.lock();
    try {
      requireOpen();
      upsert.setString(1, namespace);
      upsert.setString(2, key);
      upsert.setString(3, value);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.io(file, "put " + namespace + "/" + key, e);
    } finally {
      lock.unlock();
    }
  }

  /** Removes the key if present; deleting a missing key is not an error. Durable on return. */
  @Override
  public void delete(String namespace, String key) {
    checkArguments(namespace, key);
    lock.lock();
    try {
      requireOpen();
      remove.setString(1, namespace);
      remove.setString(2, key);
      remove.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.io(file, "delete " + namespace + "/" + key, e);
    } finally {
      lock.unlock();
    }
  }

  /** Closes the database; later calls fail with {@code store_closed}. Closing twice is harmless. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw StoreException.io(file, "close", e);
    } finally {
      lock.unlock();
    }
  }

  /** The database file, for diagnostics. */
  public Path file() {
    return file;
  }

  /** The value of a connection PRAGMA such as {@code synchronous}; lets tests check the setup. */
  String pragma(String name) {
    Invariants.check(name.matches("[a-z_]+"), "pragma name: %s", name);
    lock.lock();
    try {
      requireOpen();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
        return rows.next() ? rows.getString(1) : "";
      }
    } catch (SQLException e) {
      throw StoreException.io(file, "pragma " + name, e);
    } finally {
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw StoreException.closed(file);
    }
  }

  private static void checkArguments(String namespace, String key) {
    Invariants.notNull(namespace, "namespace");
    Invariants.notNull(key, "key");
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
