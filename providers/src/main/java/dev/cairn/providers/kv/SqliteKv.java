package dev.cairn.providers.kv;

import dev.cairn.core.capability.KvLimits;
import dev.cairn.core.capability.KvStore;
import dev.cairn.providers.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code kv} provider {@code sqlite}, the default: a SQLite file of its own per capability
 * ({@code path}, default {@code <dataDir>/kv-<capability>.db}), WAL with {@code synchronous=FULL},
 * so a write is on disk when its future completes. One writer connection and one reader connection
 * (readers never wait for a writer's fsync in WAL mode), each used by one call at a time.
 */
public final class SqliteKv {
  static final Set<String> SETTINGS = Set.of("path", "valueBytesMax");
  /** SQLite's default SQLITE_MAX_LENGTH: the largest value a row can hold. */
  static final long VALUE_BYTES_HARD_MAX = 1_000_000_000L;
  static final String TABLE = "kv";

  private SqliteKv() {}

  public static KvStore open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    long valueMax = context.bytes("valueBytesMax", KvLimits.VALUE_BYTES_MAX_DEFAULT, VALUE_BYTES_HARD_MAX);
    Path file = Path.of(context.string("path", context.dataDir().resolve("kv-" + context.capability() + ".db").toString()));
    if (!file.isAbsolute()) file = context.dataDir().resolve(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection writer = connect(file);
      try (var s = writer.createStatement()) {
        s.execute(JdbcKv.ddl(TABLE, "TEXT", "BLOB", " WITHOUT ROWID"));
      }
      Connection reader = connect(file);
      return new JdbcKv(context, new Pair(writer, reader), TABLE, "main", KvLimits.DEFAULTS.withValueBytesMax(valueMax));
    } catch (IOException | SQLException e) {
      throw context.unavailable("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (var s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    return c;
  }

  /** The writer and the reader, each behind its own lock. */
  private static final class Pair implements JdbcKv.Connections {
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();

    Pair(Connection writer, Connection reader) {
      this.writer = writer;
      this.reader = reader;
    }

    @Override
    public <T> T with(boolean write, JdbcKv.Work<T> work) throws SQLException {
      ReentrantLock lock = write ? writeLock : readLock;
      lock.lock();
      try {
        return work.run(write ? writer : reader);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      for (Connection c : new Connection[] {writer, reader}) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing: nothing left to do with it
        }
      }
    }
  }
}
