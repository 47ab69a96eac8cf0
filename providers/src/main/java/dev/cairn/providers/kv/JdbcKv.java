package dev.cairn.providers.kv;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.KvEntry;
import dev.cairn.core.capability.KvLimits;
import dev.cairn.core.capability.KvListQuery;
import dev.cairn.core.capability.KvPage;
import dev.cairn.core.capability.KvStore;
import dev.cairn.core.capability.KvWrite;
import dev.cairn.providers.Blocking;
import dev.cairn.providers.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code kv} contract over SQL, shared by {@code sqlite} and {@code postgres}: one table
 * {@code (ns, key, value, metadata, expires_at_ms)} with primary key {@code (ns, key)}, keys compared
 * by their UTF-8 bytes (SQLite's BINARY collation, PostgreSQL's {@code "C"}).
 *
 * <p>Every operation is one statement, so each is atomic without explicit transactions:
 * compare-and-set is a conditional {@code UPDATE} (value expected) or an {@code INSERT ... ON
 * CONFLICT DO UPDATE ... WHERE expired} (absence expected), and increment is a read followed by
 * such a compare-and-set, retried while other writers get in between (at most
 * {@link #INCREMENT_ATTEMPTS_MAX} times, then {@code capability_overloaded}).
 */
final class JdbcKv implements KvStore {
  /** Compare-and-set rounds one increment may take under contention before giving up. */
  static final int INCREMENT_ATTEMPTS_MAX = 64;

  /** Where statements run: the dialects differ only in how connections are had. */
  interface Connections extends AutoCloseable {
    <T> T with(boolean write, Work<T> work) throws SQLException;

    /**
     * Runs a read on the caller's thread when it cannot wait for anything (a local file, a free
     * connection, no lock to wait for); null when it could not, and the read goes to the blocking
     * executor instead. A network database never can.
     */
    default <T> CompletableFuture<T> readNow(Work<T> work) throws SQLException {
      return null;
    }

    @Override
    void close();
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Statements c) throws SQLException;
  }

  /**
   * The statements of one call. Callers never close them: the {@link Connections} do (a pool when
   * the connection goes back, SQLite's pair keeps one of each per connection, as preparing a
   * statement there costs as much as running it).
   */
  @FunctionalInterface
  interface Statements {
    PreparedStatement prepare(String sql) throws SQLException;
  }

  private final ProviderContext context;
  private final Connections connections;
  private final String ns;
  private final KvLimits limits;
  private final String get;
  private final String put;
  private final String delete;
  private final String list;
  private final String casPresent;
  private final String casAbsent;

  JdbcKv(ProviderContext context, Connections connections, String table, String ns, KvLimits limits) {
    this.context = context;
    this.connections = connections;
    this.ns = ns;
    this.limits = limits;
    String live = "(expires_at_ms = 0 OR expires_at_ms > ?)";
    this.get = "SELECT value, metadata, expires_at_ms FROM " + table + " WHERE ns = ? AND key = ? AND " + live;
    this.put = "INSERT INTO " + table + " (ns, key, value, metadata, expires_at_ms) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata, expires_at_ms = excluded.expires_at_ms";
    this.delete = "DELETE FROM " + table + " WHERE ns = ? AND key = ?";
    this.list = "SELECT key, metadata, expires_at_ms FROM " + table + " WHERE ns = ? AND key > ? AND key >= ? AND " + live
        + " ORDER BY key LIMIT ?";
    this.casPresent = "UPDATE " + table + " SET value = ?, metadata = ?, expires_at_ms = ? WHERE ns = ? AND key = ? AND value = ? AND " + live;
    this.casAbsent = put + " WHERE " + table + ".expires_at_ms <> 0 AND " + table + ".expires_at_ms <= ?";
  }

  /** The table, created if missing; {@code keyType} carries the byte-order collation. */
  static String ddl(String table, String keyType, String blobType, String suffix) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (ns " + keyType + " NOT NULL, key " + keyType + " NOT NULL, value " + blobType
        + " NOT NULL, metadata TEXT NOT NULL, expires_at_ms BIGINT NOT NULL, PRIMARY KEY (ns, key))" + suffix;
  }

  @Override
  public KvLimits limits() {
    return limits;
  }

  @Override
  public CompletableFuture<Optional<KvEntry>> get(String key) {
    return runRead(c -> read(c, key));
  }

  private Optional<KvEntry> read(Statements c, String key) throws SQLException {
    PreparedStatement s = c.prepare(get);
    s.setString(1, ns);
    s.setString(2, key);
    s.setLong(3, context.clock().nowMs());
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) return Optional.empty();
      return Optional.of(new KvEntry(r.getBytes(1), r.getString(2), r.getLong(3)));
    }
  }

  @Override
  public CompletableFuture<Void> put(String key, byte[] value, KvWrite write) {
    return run(true, c -> {
      PreparedStatement s = c.prepare(put);
      bindRow(s, key, value, write);
      s.executeUpdate();
      return null;
    });
  }

  private void bindRow(PreparedStatement s, String key, byte[] value, KvWrite write) throws SQLException {
    s.setString(1, ns);
    s.setString(2, key);
    s.setBytes(3, value);
    s.setString(4, write.metadata());
    s.setLong(5, write.expiresAtMs());
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return run(true, c -> {
      PreparedStatement s = c.prepare(delete);
      s.setString(1, ns);
      s.setString(2, key);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public CompletableFuture<KvPage> list(KvListQuery q) {
    String after = KvCursors.key(context.capability(), q.cursor());
    return runRead(c -> {
      List<KvPage.Key> keys = new ArrayList<>();
      boolean more = false;
      PreparedStatement s = c.prepare(list);
      s.setString(1, ns);
      s.setString(2, after);
      s.setString(3, q.prefix());
      s.setLong(4, context.clock().nowMs());
      s.setInt(5, q.limit() + 1);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String name = r.getString(1);
          if (!name.startsWith(q.prefix())) break; // sorted: past the prefix's range
          if (keys.size() == q.limit()) {
            more = true;
            break;
          }
          keys.add(new KvPage.Key(name, r.getString(2), r.getLong(3)));
        }
      }
      return new KvPage(keys, !more, more ? KvCursors.after(keys.getLast().name()) : "");
    });
  }

  @Override
  public CompletableFuture<Long> increment(String key, long delta) {
    return run(true, c -> {
      for (int attempt = 0; attempt < INCREMENT_ATTEMPTS_MAX; attempt++) {
        Optional<KvEntry> current = read(c, key);
        long next = KvCursors.add(context.capability(), key,
            current.isEmpty() ? 0 : KvCursors.counter(context.capability(), key, current.get().value()), delta);
        byte[] value = Long.toString(next).getBytes(StandardCharsets.US_ASCII);
        if (cas(c, key, current.map(KvEntry::value), value, KvWrite.PLAIN)) return next;
      }
      throw CapabilityException.overloaded(context.capability(), "increment attempts on one key", INCREMENT_ATTEMPTS_MAX);
    });
  }

  @Override
  public CompletableFuture<Boolean> compareAndSet(String key, Optional<byte[]> expected, byte[] value, KvWrite write) {
    return run(true, c -> cas(c, key, expected, value, write));
  }

  private boolean cas(Statements c, String key, Optional<byte[]> expected, byte[] value, KvWrite write) throws SQLException {
    long now = context.clock().nowMs();
    if (expected.isPresent()) {
      PreparedStatement s = c.prepare(casPresent);
      s.setBytes(1, value);
      s.setString(2, write.metadata());
      s.setLong(3, write.expiresAtMs());
      s.setString(4, ns);
      s.setString(5, key);
      s.setBytes(6, expected.get());
      s.setLong(7, now);
      return s.executeUpdate() == 1;
    }
    PreparedStatement s = c.prepare(casAbsent);
    bindRow(s, key, value, write);
    s.setLong(6, now);
    return s.executeUpdate() == 1;
  }

  private <T> CompletableFuture<T> run(boolean write, Work<T> work) {
    return Blocking.supply(context, () -> connections.with(write, work));
  }

  /** A read: answered on the caller's thread when the connections can, else as {@link #run} does. */
  private <T> CompletableFuture<T> runRead(Work<T> work) {
    try {
      CompletableFuture<T> now = connections.readNow(work);
      if (now != null) return now;
    } catch (SQLException | RuntimeException e) {
      return CompletableFuture.failedFuture(Blocking.contractError(context, e));
    }
    return run(false, work);
  }

  @Override
  public CompletableFuture<Void> health() {
    return run(false, c -> {
      try (ResultSet r = c.prepare("SELECT 1").executeQuery()) { // closed: a kept statement must not hold a read open
        r.next();
      }
      return null;
    });
  }

  @Override
  public void close() {
    connections.close();
  }
}
