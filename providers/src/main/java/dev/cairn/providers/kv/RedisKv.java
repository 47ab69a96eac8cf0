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
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code kv} provider {@code redis} (Lettuce, one multiplexed connection). Each entry is a hash
 * {@code cairn:kv:{ns}:k:<key>} with fields {@code v} (value), {@code m} (metadata), {@code e}
 * (expiry, epoch ms, "0" for never), expired by Redis with {@code PEXPIREAT} and also checked against
 * the runtime's clock on read. A sorted set {@code cairn:kv:{ns}:index} of names gives byte-ordered
 * listing ({@code ZRANGEBYLEX}). Writes that touch both, compare-and-set and increment are Lua
 * scripts, so each is atomic. While Redis is unreachable commands fail at once (no queueing).
 */
public final class RedisKv implements KvStore {
  static final Set<String> SETTINGS = Set.of("url", "namespace", "timeoutMs", "valueBytesMax");
  /** Redis's limit for one string value. */
  static final long VALUE_BYTES_HARD_MAX = 512L << 20;
  static final String URL_DEFAULT = "redis://127.0.0.1:6379";

  private static final String PUT = script("put.lua");
  private static final String DELETE = script("delete.lua");
  private static final String CAS = script("cas.lua");
  private static final String INCR = script("incr.lua");
  private static final String LIST = script("list.lua");
  private static final byte[] FIELD_V = bytes("v");
  private static final byte[] FIELD_M = bytes("m");
  private static final byte[] FIELD_E = bytes("e");

  private final ProviderContext context;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final RedisAsyncCommands<byte[], byte[]> redis;
  private final String prefix;
  private final byte[] index;
  private final KvLimits limits;

  private RedisKv(ProviderContext context, RedisClient client, StatefulRedisConnection<byte[], byte[]> connection, String ns, KvLimits limits) {
    this.context = context;
    this.client = client;
    this.connection = connection;
    this.redis = connection.async();
    this.prefix = "cairn:kv:{" + ns + "}:k:";
    this.index = bytes("cairn:kv:{" + ns + "}:index");
    this.limits = limits;
  }

  public static KvStore open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    URI url = context.url(URL_DEFAULT, List.of("redis"));
    long valueMax = context.bytes("valueBytesMax", KvLimits.VALUE_BYTES_MAX_DEFAULT, VALUE_BYTES_HARD_MAX);
    Duration timeout = Duration.ofMillis(context.integer("timeoutMs", 5_000, 50, 60_000));
    String ns = context.namespace();
    RedisURI uri;
    try {
      uri = RedisURI.create(url.toString());
    } catch (IllegalArgumentException e) {
      throw CapabilityException.badConfig(context.capability(), context.provider(), "url", e.getMessage());
    }
    uri.setTimeout(timeout);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
    try {
      var connection = client.connect(ByteArrayCodec.INSTANCE);
      return new RedisKv(context, client, connection, ns, KvLimits.DEFAULTS.withValueBytesMax(valueMax));
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      throw context.unavailable("cannot connect to " + url.getHost() + ":" + (url.getPort() < 0 ? 6379 : url.getPort()) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public KvLimits limits() {
    return limits;
  }

  private byte[] entryKey(String key) {
    return bytes(prefix + key);
  }

  @Override
  public CompletableFuture<Optional<KvEntry>> get(String key) {
    return Blocking.mapped(context, redis.hmget(entryKey(key), FIELD_V, FIELD_M, FIELD_E)).thenApply(fields -> {
      if (fields.size() < 3 || !fields.get(0).hasValue() || !fields.get(2).hasValue()) return Optional.empty();
      long expires = Long.parseLong(text(fields.get(2).getValue()));
      if (expires != 0 && expires <= context.clock().nowMs()) return Optional.empty();
      return Optional.of(new KvEntry(fields.get(0).getValue(), fields.get(1).hasValue() ? text(fields.get(1).getValue()) : "", expires));
    });
  }

  @Override
  public CompletableFuture<Void> put(String key, byte[] value, KvWrite write) {
    return Blocking.mapped(context, redis.<Long>eval(PUT, ScriptOutputType.INTEGER, keys(key),
        bytes(key), value, bytes(write.metadata()), bytes(Long.toString(write.expiresAtMs())))).thenApply(x -> null);
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return Blocking.mapped(context, redis.<Long>eval(DELETE, ScriptOutputType.INTEGER, keys(key), bytes(key))).thenApply(x -> null);
  }

  @Override
  public CompletableFuture<KvPage> list(KvListQuery q) {
    String after = KvCursors.key(context.capability(), q.cursor());
    String min = after.compareTo(q.prefix()) >= 0 && !after.isEmpty() ? "(" + after : "[" + q.prefix();
    // 0xFF never occurs in UTF-8, so it bounds every name that starts with the prefix.
    byte[] max = q.prefix().isEmpty() ? bytes("+") : concat(bytes("(" + q.prefix()), new byte[] {(byte) 0xFF});
    return Blocking.mapped(context, redis.<List<Object>>eval(LIST, ScriptOutputType.MULTI, new byte[][] {index},
        bytes(min), max, bytes(Integer.toString(q.limit())), bytes(Long.toString(context.clock().nowMs())), bytes(prefix)))
        .thenApply(out -> {
          List<KvPage.Key> keys = new ArrayList<>();
          for (int i = 0; i + 2 < out.size() - 1; i += 3) {
            keys.add(new KvPage.Key(text((byte[]) out.get(i)), out.get(i + 1) == null ? "" : text((byte[]) out.get(i + 1)),
                Long.parseLong(text((byte[]) out.get(i + 2)))));
          }
          boolean more = text((byte[]) out.get(out.size() - 2)).equals("1");
          String next = text((byte[]) out.get(out.size() - 1));
          return new KvPage(keys, !more, more ? KvCursors.after(next) : "");
        });
  }

  @Override
  public CompletableFuture<Long> increment(String key, long delta) {
    return Blocking.mapped(context, redis.<byte[]>eval(INCR, ScriptOutputType.VALUE, keys(key),
        bytes(key), bytes(Long.toString(context.clock().nowMs())), bytes(Long.toString(delta))))
        .handle((v, e) -> {
          if (e == null) return Long.parseLong(text(v));
          String m = String.valueOf(e.getMessage());
          if (m.contains("NOT_INTEGER")) throw CapabilityException.invalidArgument(context.capability(), "increment: the value of \"" + key + "\" is not a decimal integer");
          if (m.contains("OUT_OF_RANGE")) throw CapabilityException.invalidArgument(context.capability(), "increment: the result is beyond ±2^53 (what Redis scripts hold exactly)");
          throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
        });
  }

  @Override
  public CompletableFuture<Boolean> compareAndSet(String key, Optional<byte[]> expected, byte[] value, KvWrite write) {
    return Blocking.mapped(context, redis.<Long>eval(CAS, ScriptOutputType.INTEGER, keys(key),
        bytes(key), bytes(Long.toString(context.clock().nowMs())), bytes(expected.isPresent() ? "1" : "0"), expected.orElse(new byte[0]),
        value, bytes(write.metadata()), bytes(Long.toString(write.expiresAtMs())))).thenApply(n -> n == 1L);
  }

  @Override
  public CompletableFuture<Void> health() {
    return Blocking.mapped(context, redis.ping()).thenApply(x -> null);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private byte[][] keys(String key) {
    return new byte[][] {entryKey(key), index};
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String script(String name) {
    try (InputStream in = RedisKv.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
