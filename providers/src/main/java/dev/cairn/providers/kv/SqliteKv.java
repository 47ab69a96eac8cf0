package dev.cairn.providers.kv;

import dev.cairn.core.capability.KvLimits;
import dev.cairn.core.capability.KvStore;
import dev.cairn.providers.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code kv} provider {@code sqlite}, the default: a SQLite file of its own per capability
 * ({@code path}, default {@code <dataDir>/kv-<capability>.db}), WAL with {@code synchronous=FULL},
 * so a write is on disk when its future completes. One writer connection and one reader connection
 * (readers never wait for a writer's fsync in WAL mode), each used by one call at a time.
 *
 * <p>Reads are answered on the caller's thread when they can be at once: a third connection, used
 * by whoever gets its lock without waiting, with no busy timeout (a WAL reader is only ever "busy"
 * during recovery). A read from the page cache costs a few microseconds; handing it to another
 * thread and back cost several times that (two thread wake-ups). This is what Durable Objects do
 * with their SQLite. When the connection is taken or the file busy, the read goes to the blocking
 * executor as writes always do.
 */
public final class SqliteKv {
  static final Set<String> SETTINGS = Set.of("path", "valueBytesMax");
  /** SQLite's default SQLITE_MAX_LENGTH: the largest value a row can hold. */
  static final long VALUE_BYTES_HARD_MAX = 1_000_000_000L;
  static final String TABLE = "kv";
  /** SQLite's primary result code for "the file is locked by someone else" (extended codes share its low byte). */
  static final int SQLITE_BUSY = 5;
  /** How long the writer and the executor's reader wait for a lock another connection holds. */
  static final int BUSY_TIMEOUT_MS = 5_000;

  private SqliteKv() {}

  public static KvStore open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    long valueMax = context.bytes("valueBytesMax", KvLimits.VALUE_BYTES_MAX_DEFAULT, VALUE_BYTES_HARD_MAX);
    Path file = Path.of(context.string("path", context.dataDir().resolve("kv-" + context.capability() + ".db").toString()));
    if (!file.isAbsolute()) file = context.dataDir().resolve(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection writer = connect(file, BUSY_TIMEOUT_MS);
      try (var s = writer.createStatement()) {
        s.execute(JdbcKv.ddl(TABLE, "TEXT", "BLOB", " WITHOUT ROWID"));
      }
      Connection reader = connect(file, BUSY_TIMEOUT_MS);
      Connection inline = connect(file, 0); // never waits on the caller's thread: busy means "go async"
      return new JdbcKv(context, new Pair(writer, reader, inline), TABLE, "main", KvLimits.DEFAULTS.withValueBytesMax(valueMax));
    } catch (IOException | SQLException e) {
      throw context.unavailable("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file, int busyTimeoutMs) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (var s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=" + busyTimeoutMs);
    }
    return c;
  }

  /** The writer, the reader and the inline reader, each behind its own lock. */
  private static final class Pair implements JdbcKv.Connections {
    private final Prepared writer;
    private final Prepared reader;
    private final Prepared inline;

    Pair(Connection writer, Connection reader, Connection inline) {
      this.writer = new Prepared(writer);
      this.reader = new Prepared(reader);
      this.inline = new Prepared(inline);
    }

    @Override
    public <T> java.util.concurrent.CompletableFuture<T> readNow(JdbcKv.Work<T> work) throws SQLException {
      if (!inline.lock.tryLock()) return null;
      try {
        return java.util.concurrent.CompletableFuture.completedFuture(work.run(inline::statement));
      } catch (org.sqlite.SQLiteException e) {
        if ((e.getResultCode().code & 0xff) == SQLITE_BUSY) return null;
        throw e;
      } finally {
        inline.lock.unlock();
      }
    }

    @Override
    public <T> T with(boolean write, JdbcKv.Work<T> work) throws SQLException {
      Prepared p = write ? writer : reader;
      p.lock.lock();
      try {
        return work.run(p::statement);
      } finally {
        p.lock.unlock();
      }
    }

    @Override
    public void close() {
      writer.close();
      reader.close();
      inline.close();
    }
  }

  /**
   * One connection and its statements, each prepared once: the contract's handful of SQL texts.
   * Used under {@link #lock} only (a SQLite connection serves one call at a time).
   */
  private static final class Prepared {
    final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Prepared(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement statement(String sql) throws SQLException {
      if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("a SQLite connection's statement used without its lock");
      PreparedStatement s = statements.get(sql);
      if (s == null) {
        s = connection.prepareStatement(sql);
        statements.put(sql, s);
      }
      return s;
    }

    void close() {
      lock.lock();
      try {
        connection.close(); // closes its statements too
      } catch (SQLException ignored) {
        // closing: nothing left to do with it
      } finally {
        statements.clear();
        lock.unlock();
      }
    }
  }
}
