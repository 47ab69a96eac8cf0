package dev.cairn.providers.kv;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.KvLimits;
import dev.cairn.core.capability.KvStore;
import dev.cairn.providers.ProviderContext;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * {@code kv} provider {@code postgres}: a table ({@code table}, default {@code cairn_kv}) shared by
 * capabilities, each in its own {@code namespace} (default: the capability's name), keys of
 * collation {@code "C"} so they sort by UTF-8 bytes. Connections come from a HikariCP pool of
 * {@code poolSize} (default 8); {@code url} is {@code postgresql://[user[:password]@]host[:port]/db}.
 */
public final class PostgresKv {
  static final Set<String> SETTINGS = Set.of("url", "table", "namespace", "poolSize", "connectTimeoutMs", "valueBytesMax");
  /** PostgreSQL's limit for one bytea field. */
  static final long VALUE_BYTES_HARD_MAX = (1L << 30) - 1;
  static final String URL_DEFAULT = "postgresql://127.0.0.1:5432/test";

  private PostgresKv() {}

  public static KvStore open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    URI url = context.url(URL_DEFAULT, List.of("postgresql", "postgres"));
    String table = context.string("table", "cairn_kv");
    if (!table.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw CapabilityException.badConfig(context.capability(), context.provider(), "table", "expected a lower-case SQL name, found \"" + table + "\"");
    }
    long valueMax = context.bytes("valueBytesMax", KvLimits.VALUE_BYTES_MAX_DEFAULT, VALUE_BYTES_HARD_MAX);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl(url));
    userInfo(url, config);
    config.setMaximumPoolSize(context.integer("poolSize", 8, 1, 256));
    config.setConnectionTimeout(context.integer("connectTimeoutMs", 5_000, 250, 60_000));
    config.setInitializationFailTimeout(1); // fail at open, so the link reports it and retries
    config.setPoolName("cairn-kv-" + context.capability());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw context.unavailable("cannot connect to " + url.getHost() + ":" + port(url) + ": " + rootMessage(e), e);
    }
    try (Connection c = pool.getConnection(); var s = c.createStatement()) {
      s.execute(JdbcKv.ddl(table, "TEXT COLLATE \"C\"", "BYTEA", ""));
    } catch (SQLException e) {
      pool.close();
      throw context.unavailable("cannot create table " + table + ": " + e.getMessage(), e);
    }
    return new JdbcKv(context, new Pooled(pool), table, context.namespace(), KvLimits.DEFAULTS.withValueBytesMax(valueMax));
  }

  static String jdbcUrl(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().length() <= 1 ? "/test" : url.getRawPath();
    return "jdbc:postgresql://" + url.getHost() + ":" + port(url) + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }

  private static int port(URI url) {
    return url.getPort() < 0 ? 5432 : url.getPort();
  }

  private static void userInfo(URI url, HikariConfig config) {
    String info = url.getUserInfo();
    if (info == null) return;
    int colon = info.indexOf(':');
    config.setUsername(colon < 0 ? info : info.substring(0, colon));
    if (colon >= 0) config.setPassword(info.substring(colon + 1));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return String.valueOf(t.getMessage());
  }

  private record Pooled(HikariDataSource pool) implements JdbcKv.Connections {
    @Override
    public <T> T with(boolean write, JdbcKv.Work<T> work) throws SQLException {
      // HikariCP closes the statements a connection opened when it goes back to the pool.
      try (Connection c = pool.getConnection()) {
        return work.run(c::prepareStatement);
      }
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}
