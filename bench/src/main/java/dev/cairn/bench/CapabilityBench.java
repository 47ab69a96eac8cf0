// cairn:port-implementation — a benchmark harness outside the runtime: it reads the clock and runs its own load threads.
package dev.cairn.bench;

import dev.cairn.core.capability.KvStore;
import dev.cairn.core.capability.KvWrite;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.JsEngine;
import dev.cairn.js.ServiceRuntime;
import dev.cairn.server.AppRuntime;
import dev.cairn.server.RequestLog;
import dev.cairn.server.capability.CapabilityLinks;
import dev.cairn.server.manifest.ManifestLoader;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.ports.system.SystemEntropy;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Capability figures (docs/benchmarks.md, "Capabilities (issue 6)"), against the real servers on
 * localhost. For each kv provider, get and put at {@code concurrency} callers for {@code seconds}:
 *
 * <ul>
 *   <li>{@code raw} — the provider's client called straight from Java (no JS, no journal);
 *   <li>{@code handler} — one invocation of a JS handler per operation, journaled as in production
 *       ({@code record: all}), called in-process (no HTTP): what a request adds around the call;
 *   <li>{@code loop} — one invocation doing 100 operations in a row: the host-call path alone.
 * </ul>
 *
 * Before them, two floors: {@code invocation alone} (a handler that calls nothing) and {@code await
 * alone} (100 awaits of a resolved promise in one invocation, per await): what the engine costs
 * before any host call.
 *
 * The three are measured in alternating slices ({@link Rounds}; {@code -Dcairn.bench.rounds},
 * default 10, of {@code seconds / rounds} each), and each line gives its ratio to {@code raw} taken
 * within each round (median and range), because this machine's speed drifts more between two
 * figures measured one after the other than the overhead being measured.
 *
 * For each messaging provider, publish → {@code message} handler delivery latency: the bench
 * publishes (raw) with the send time in the body, the handler publishes it back on another subject
 * and a raw subscriber takes the time, so each figure includes one extra broker hop; {@code raw}
 * is the same round trip with a raw subscriber in place of the handler. Usage: {@code bench/capabilities.sh}.
 */
public final class CapabilityBench {
  static final int KEYS = 100;
  static final byte[] VALUE = "v".repeat(128).getBytes(StandardCharsets.UTF_8);
  static final Path KV_DIR = tempDir("cairn-cap-bench-kv");
  static final Path BUS_DIR = tempDir("cairn-cap-bench-bus");

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private CapabilityBench() {}

  /**
   * {@code cpuUsPerOp}: the process's CPU per operation, all threads (the callers, the JS loops, the
   * provider's client, the journal writer, and GC and the JIT while they run); -1 when not measured.
   */
  record Stats(String what, long ops, double seconds, double p50Us, double p99Us, double cpuUsPerOp) {
    double perSecond() {
      return ops / seconds;
    }

    Stats withName(String name) {
      return new Stats(name, ops, seconds, p50Us, p99Us, cpuUsPerOp);
    }

    String line() {
      String cpu = cpuUsPerOp < 0 ? "" : String.format(" cpu_us_per_op=%7.1f", cpuUsPerOp);
      return String.format("RESULT %-34s ops/s=%8.0f p50_us=%8.1f p99_us=%8.1f%s", what, perSecond(), p50Us, p99Us, cpu);
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long warmupS = Long.getLong("cairn.bench.warmupS", 120);
    String ns = "bench" + Long.toHexString(System.nanoTime());
    Map<String, String> kv = new java.util.LinkedHashMap<>();
    kv.put("sqlite", "{ contract: kv, provider: sqlite }");
    kv.put("redis", "{ contract: kv, provider: redis, url: \"redis://127.0.0.1:6379\", namespace: " + ns + " }");
    kv.put("postgres", "{ contract: kv, provider: postgres, url: \"postgresql://127.0.0.1:5432/test\", namespace: " + ns + ", poolSize: \"16\" }");
    Map<String, String> bus = new java.util.LinkedHashMap<>();
    bus.put("inproc", "{ contract: messaging, provider: inproc }");
    bus.put("nats", "{ contract: messaging, provider: nats, url: \"nats://127.0.0.1:4222\" }");
    bus.put("amqp", "{ contract: messaging, provider: amqp, url: \"amqp://guest:guest@127.0.0.1:5672\" }");
    bus.put("mqtt", "{ contract: messaging, provider: mqtt, url: \"tcp://127.0.0.1:1883\" }");
    String only = System.getProperty("cairn.bench.only", "");
    try (ThreadScheduler scheduler = new ThreadScheduler(); JsEngine engine = new JsEngine()) {
      System.out.println("engine " + engine.mode() + ", concurrency " + concurrency + ", " + seconds + " s per figure");
      boolean first = true;
      for (var e : kv.entrySet()) {
        if (!only.isEmpty() && !only.contains(e.getKey())) continue;
        // The first provider warms the engine up; later ones reuse its compiled code.
        kvFigures(e.getKey(), e.getValue(), scheduler, engine, seconds, concurrency, first ? warmupS : Math.max(4, warmupS / 4));
        first = false;
      }
      for (var e : bus.entrySet()) {
        if (!only.isEmpty() && !only.contains(e.getKey())) continue;
        busFigures(e.getKey(), e.getValue(), scheduler, engine, seconds);
      }
    }
  }

  /** An app in a temporary folder, started in-process with journaling on and its capabilities linked. */
  record App(AppRuntime runtime, CapabilityLinks links, JournalStore journals) implements AutoCloseable {
    /**
     * Starts the app in {@code dir} (one folder per kind of figure, so module sources are the same
     * files every time and the engine's compiled code is reused across providers).
     */
    static App start(Path dir, String capabilities, String services, Map<String, String> modules, ThreadScheduler scheduler,
        JsEngine engine) throws Exception {
      Files.writeString(dir.resolve("cairn.yaml"), "app: capbench\ncapabilities:\n" + capabilities + "services:\n" + services);
      for (var m : modules.entrySet()) Files.writeString(dir.resolve(m.getKey()), m.getValue());
      Ports ports = new Ports(SystemClock.INSTANCE, new SystemEntropy(), scheduler, (r, m, t) -> {
        throw new IllegalStateException("no network");
      });
      RequestLog quiet = new RequestLog(true, new PrintStream(java.io.OutputStream.nullOutputStream()), ports.clock());
      Path data = Files.createDirectories(dir.resolve(".cairn").resolve(Long.toHexString(System.nanoTime())));
      JournalStore journals = SqliteJournalStore.open(data.resolve("journal.db"), scheduler);
      Manifest manifest = ManifestLoader.load(dir);
      CapabilityLinks links = new CapabilityLinks(ports, data, s -> {});
      links.sync(manifest);
      AppRuntime app = AppRuntime.start(manifest, engine, ports, quiet, Optional.of(journals));
      app.useCapabilities(links);
      return new App(app, links, journals);
    }

    ServiceRuntime service(String name) {
      return runtime.service(name).orElseThrow();
    }

    @Override
    public void close() {
      runtime.close();
      links.close();
      journals.close();
    }
  }

  static void kvFigures(String provider, String capability, ThreadScheduler scheduler, JsEngine engine, double seconds, int concurrency,
      long warmupS) throws Exception {
    String api = """
        const VALUE = "v".repeat(128);
        export default {
          async fetch(request, env) {
            const url = new URL(request.url);
            const k = "k" + url.searchParams.get("k");
            switch (url.pathname) {
              case "/noop": return new Response("ok");
              case "/loop-await": { for (let i = 0; i < 100; i++) await Promise.resolve(i); return new Response("ok"); }
              case "/get": return new Response(await env.KV.get(k));
              case "/put": await env.KV.put(k, VALUE); return new Response("ok");
              case "/loop-get": { for (let i = 0; i < 100; i++) await env.KV.get("k" + ((Number(url.searchParams.get("k")) + i) %% %d)); return new Response("ok"); }
              case "/loop-put": { for (let i = 0; i < 100; i++) await env.KV.put("k" + ((Number(url.searchParams.get("k")) + i) %% %d), VALUE); return new Response("ok"); }
            }
            return new Response("?", { status: 404 });
          },
        };
        """.formatted(KEYS, KEYS);
    try (App app = App.start(KV_DIR, "  cache: " + capability + "\n",
        "  api: { module: api.js, bindings: { KV: { kv: cache } }, limits: { contexts: 2, concurrentInvocationsMax: 512, subrequestsMax: 1000 } }\n",
        Map.of("api.js", api), scheduler, engine)) {
      KvStore raw = (KvStore) app.links().link("cache").acquire().provider();
      for (int i = 0; i < KEYS; i++) raw.put("k" + i, VALUE, KvWrite.PLAIN).join();
      ServiceRuntime svc = app.service("api");
      // Warm up every path (with the Graal JIT: until it has compiled them; on 2 cores that takes
      // tens of seconds the first time) before any figure.
      long each = Math.max(1, warmupS / 6);
      for (String path : List.of("/noop", "/loop-await", "/get", "/put", "/loop-get", "/loop-put")) run(() -> invoke(svc, path), concurrency, each, 1);
      System.out.println(run(() -> invoke(svc, "/noop"), concurrency, seconds, 1).withName("invocation alone (no kv call)").line());
      // The floor under any loop figure: the engine's own await, with the invocation shared by 100.
      System.out.println(run(() -> invoke(svc, "/loop-await"), concurrency, seconds, 100).withName("await alone (loop, per await)").line());
      int rounds = Integer.getInteger("cairn.bench.rounds", 10);
      if (rounds < 1) throw new IllegalArgumentException("-Dcairn.bench.rounds must be at least 1, got " + rounds);
      for (String op : List.of("get", "put")) {
        Supplier<CompletableFuture<?>> rawOp = op.equals("get") ? () -> raw.get(key()) : () -> raw.put(key(), VALUE, KvWrite.PLAIN);
        // raw first: it is the baseline each round's ratios are taken against.
        List<Rounds.Figure> figures = List.of(
            new Rounds.Figure("kv " + provider + " " + op + " raw", rawOp, 1),
            new Rounds.Figure("kv " + provider + " " + op + " handler", () -> invoke(svc, "/" + op), 1),
            new Rounds.Figure("kv " + provider + " " + op + " loop", () -> invoke(svc, "/loop-" + op), 100));
        for (Rounds.Summary s : Rounds.run(figures, rounds, seconds / rounds, (call, sliceS) -> slice(call, concurrency, sliceS))) {
          System.out.println(s.line());
        }
      }
    }
  }

  static String key() {
    return "k" + java.util.concurrent.ThreadLocalRandom.current().nextInt(KEYS);
  }

  static CompletableFuture<?> invoke(ServiceRuntime svc, String path) {
    String id = Long.toHexString(System.nanoTime()) + Thread.currentThread().threadId();
    return svc.fetch(id, new RequestData("GET", "http://api" + path + "?k=" + java.util.concurrent.ThreadLocalRandom.current().nextInt(KEYS),
        List.of(), new byte[0])).thenApply(r -> {
          if (r.status() != 200) throw new IllegalStateException("handler answered " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
          return r;
        });
  }

  /** {@code concurrency} callers, each waiting for its call before the next; {@code opsPerCall} operations per call. */
  static Stats run(Supplier<CompletableFuture<?>> call, int concurrency, double seconds, int opsPerCall) throws Exception {
    Rounds.Slice s = slice(call, concurrency, seconds);
    long[] all = s.callNs().clone();
    java.util.Arrays.sort(all);
    long ops = (long) all.length * opsPerCall;
    return new Stats("", ops, s.seconds(), Rounds.perOpUs(all, 0.5, opsPerCall), Rounds.perOpUs(all, 0.99, opsPerCall),
        ops == 0 ? -1 : s.cpuNs() / 1e3 / ops);
  }

  /** One slice: {@code concurrency} callers for {@code seconds}; every call's latency, the elapsed time, the process's CPU. */
  static Rounds.Slice slice(Supplier<CompletableFuture<?>> call, int concurrency, double seconds) throws Exception {
    long endNs = System.nanoTime() + (long) (seconds * 1e9);
    List<long[]> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long cpuBeforeNs = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    int capacity = (int) Math.min(2_000_000, Math.max(1_000, seconds * 400_000));
    for (int t = 0; t < concurrency; t++) {
      long[] lat = new long[capacity];
      perThread.add(lat);
      threads.add(Thread.ofPlatform().start(() -> {
        int n = 0;
        while (System.nanoTime() < endNs && n < lat.length - 1) {
          long s = System.nanoTime();
          call.get().join();
          lat[++n] = System.nanoTime() - s;
        }
        lat[0] = n;
      }));
    }
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long cpuNs = OS.getProcessCpuTime() - cpuBeforeNs;
    int total = 0;
    for (long[] l : perThread) total += (int) l[0];
    long[] all = new long[total];
    int i = 0;
    for (long[] l : perThread) {
      System.arraycopy(l, 1, all, i, (int) l[0]);
      i += (int) l[0];
    }
    return new Rounds.Slice(all, elapsed, cpuNs);
  }

  static void busFigures(String provider, String capability, ThreadScheduler scheduler, JsEngine engine, double seconds) throws Exception {
    String sink = """
        export default {
          async message(batch, env) {
            for (const m of batch.messages) await env.BUS.publish("bench.ack", m.text(), { contentType: "text" });
          },
        };
        """;
    try (App app = App.start(BUS_DIR, "  events: " + capability + "\n",
        "  sink: { module: sink.js, subscribe: { events: \"bench.in\" }, bindings: { BUS: { messaging: events } }, limits: { contexts: 1 } }\n",
        Map.of("sink.js", sink), scheduler, engine)) {
      MessageBus raw = (MessageBus) app.links().link("events").acquire().provider();
      // The raw baseline: a Java subscriber that answers as the handler does.
      raw.subscribe("bench.raw", "", m -> raw.publish(new Message("bench.rawack", m.body())));
      Thread.sleep(500);
      System.out.println(roundTrips(raw, "bench.raw", "bench.rawack", seconds).withName("messaging " + provider + " raw").line());
      roundTrips(raw, "bench.in", "bench.ack", Math.max(2, seconds)); // warm-up
      System.out.println(roundTrips(raw, "bench.in", "bench.ack", seconds).withName("messaging " + provider + " handler").line());
    }
  }

  /** One message in flight at a time; the latency of each from publish to its echo. */
  static Stats roundTrips(MessageBus raw, String out, String back, double seconds) throws Exception {
    Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    var sub = raw.subscribe(back, "", m -> {
      CountDownLatch l = waiting.remove(new String(m.body(), StandardCharsets.UTF_8));
      if (l != null) l.countDown();
      return CompletableFuture.completedFuture(null);
    });
    Thread.sleep(300);
    List<Long> lat = new ArrayList<>();
    long endNs = System.nanoTime() + (long) (seconds * 1e9);
    long t0 = System.nanoTime();
    int lost = 0;
    while (System.nanoTime() < endNs) {
      String id = Long.toString(System.nanoTime());
      CountDownLatch l = new CountDownLatch(1);
      waiting.put(id, l);
      long s = System.nanoTime();
      raw.publish(new Message(out, id.getBytes(StandardCharsets.UTF_8), Map.of("content-type", "text/plain"), "")).join();
      if (l.await(2, TimeUnit.SECONDS)) lat.add(System.nanoTime() - s);
      else lost++;
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    sub.close();
    if (lost > 0) System.out.println("  (" + lost + " round trips timed out)");
    java.util.Collections.sort(lat);
    return new Stats("", lat.size(), elapsed, lat.isEmpty() ? 0 : lat.get(lat.size() / 2) / 1e3,
        lat.isEmpty() ? 0 : lat.get((int) Math.min(lat.size() - 1, (long) (lat.size() * 0.99))) / 1e3, -1);
  }
}
