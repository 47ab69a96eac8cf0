package dev.cairn.js.webapi;

import dev.cairn.core.Prng;
import dev.cairn.js.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A context built like ContextFactory builds one, with the Web API prelude files loaded and a
 * deterministic fake {@code host}: seeded randomness, a settable clock, timers the test runs.
 */
final class WebApiHarness implements AutoCloseable {
  static final List<String> FILES = List.of("10-timers-console.js", "20-encoding.js", "30-events.js",
      "40-clone-crypto.js", "50-fetch-api.js");
  private static final Engine ENGINE = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  private static final List<Source> SOURCES = FILES.stream().map(WebApiHarness::source).toList();

  record Timer(int id, long dueMs, Value callback) {}

  final Context ctx;
  final Value internal;
  final List<String> logs = new ArrayList<>();
  final Map<Integer, Timer> timers = new HashMap<>();
  long timeMs = 1_700_000_000_000L;
  private int nextTimerId = 1;
  private final Prng prng;

  WebApiHarness() {
    this(42);
  }

  WebApiHarness(long seed) {
    prng = new Prng(seed);
    ctx = dev.cairn.js.Sandbox.builder(ENGINE).build();
    internal = ctx.eval("js", "({})");
    Value host = ctx.asValue(host());
    for (Source s : SOURCES) ctx.eval(s).execute(host, internal);
    // Tests reach the runtime's hooks by name; user code never sees `internal`.
    ctx.getBindings("js").putMember("internal", internal);
  }

  private static Source source(String name) {
    try (InputStream in = WebApiHarness.class.getResourceAsStream("/dev/cairn/js/prelude/" + name)) {
      if (in == null) throw new IllegalStateException("missing prelude file " + name);
      return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "cairn:" + name).buildLiteral();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ProxyObject host() {
    Map<String, Object> m = new HashMap<>();
    m.put("now", (ProxyExecutable) a -> (double) timeMs);
    m.put("random", (ProxyExecutable) a -> prng.nextDouble());
    m.put("replaying", (ProxyExecutable) a -> false);
    m.put("randomBytes", (ProxyExecutable) a -> {
      byte[] out = new byte[a[0].asInt()];
      prng.nextBytes(out);
      return Bytes.toUint8Array(ctx, out);
    });
    m.put("digest", (ProxyExecutable) a -> {
      try {
        return Bytes.toUint8Array(ctx, MessageDigest.getInstance(a[0].asString()).digest(Bytes.fromBuffer(a[1])));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalArgumentException(e);
      }
    });
    m.put("utf8Encode", (ProxyExecutable) a -> Bytes.toUint8Array(ctx, a[0].asString().getBytes(StandardCharsets.UTF_8)));
    m.put("utf8Decode", (ProxyExecutable) a -> {
      byte[] bytes = Bytes.fromBuffer(a[0]);
      if (!(a.length > 1 && a[1].isBoolean() && a[1].asBoolean())) return new String(bytes, StandardCharsets.UTF_8);
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("The encoded data was not valid utf-8");
      }
    });
    m.put("log", (ProxyExecutable) a -> {
      logs.add(a[0].asString() + "|" + a[1].asString());
      return null;
    });
    m.put("setTimeout", (ProxyExecutable) a -> {
      int id = nextTimerId++;
      long delay = a.length > 1 && a[1].isNumber() ? (long) Math.max(0, a[1].asDouble()) : 0;
      timers.put(id, new Timer(id, timeMs + delay, a[0]));
      return id;
    });
    m.put("clearTimeout", (ProxyExecutable) a -> {
      if (a.length > 0 && a[0].isNumber()) timers.remove(a[0].asInt());
      return null;
    });
    return ProxyObject.fromMap(m);
  }

  /** Advances the clock to {@code untilMs}, running due timers in order (by due time, then id). */
  void runTimersUntil(long untilMs) {
    for (;;) {
      Timer next = timers.values().stream().filter(t -> t.dueMs() <= untilMs)
          .min(Comparator.comparingLong(Timer::dueMs).thenComparingInt(Timer::id)).orElse(null);
      if (next == null) break;
      timers.remove(next.id());
      timeMs = Math.max(timeMs, next.dueMs());
      next.callback().executeVoid();
    }
    timeMs = Math.max(timeMs, untilMs);
  }

  Value eval(String js) {
    return ctx.eval("js", js);
  }

  /** The value as text: a string as is, anything else as the engine prints it. */
  String string(String js) {
    Value v = eval(js);
    return v.isString() ? v.asString() : v.toString();
  }

  /** Evaluates an expression giving a promise and returns what it settles with; throws if it rejects. */
  Value await(String js) {
    AtomicReference<Value> ok = new AtomicReference<>();
    AtomicReference<Value> err = new AtomicReference<>();
    settle(js, ok, err);
    if (err.get() != null) throw new AssertionError("rejected: " + err.get());
    if (ok.get() == null) throw new AssertionError("still pending: " + js);
    return ok.get();
  }

  /** Evaluates an expression giving a promise and returns its rejection reason; fails if it fulfils. */
  Value rejection(String js) {
    AtomicReference<Value> ok = new AtomicReference<>();
    AtomicReference<Value> err = new AtomicReference<>();
    settle(js, ok, err);
    if (err.get() == null) throw new AssertionError("not rejected: " + js + " -> " + ok.get());
    return err.get();
  }

  private void settle(String js, AtomicReference<Value> ok, AtomicReference<Value> err) {
    Value promise = eval("(async () => (" + js + "))()");
    promise.invokeMember("then",
        (ProxyExecutable) a -> { ok.set(a.length == 0 ? eval("undefined") : a[0]); return null; },
        (ProxyExecutable) a -> { err.set(a[0]); return null; });
  }

  @Override
  public void close() {
    ctx.close();
  }
}
