package dev.cairn.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import io.lettuce.core.RedisClient;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler that uses KV (on the real Redis) and BUS (on the real NATS) replays identically from
 * its journal, and replay touches neither: the counter it incremented keeps its value, nothing is
 * published, and replay still works with Redis and NATS relinked away.
 */
class CapabilityReplayTest {
  @TempDir static Path dir;
  static CairnServer server;
  static String ns;
  static String invocation;
  static String failedCall;

  @BeforeAll
  static void record() throws Exception {
    ns = "replay" + Long.toHexString(System.nanoTime());
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: replaycaps
        capabilities:
          cache: { contract: kv, provider: redis, url: "redis://127.0.0.1:6379", namespace: %s }
          events: { contract: messaging, provider: nats, url: "nats://127.0.0.1:4222" }
        services:
          api: { module: api.js, routes: ["/*"], bindings: { KV: { kv: cache }, BUS: { messaging: events } } }
        """.formatted(ns));
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request, env) {
            if (new URL(request.url).pathname === "/missing") {
              try { await env.BUS.request("%s.nobody", "?", { timeout: 300 }); } catch (e) { return Response.json({ code: e.code, retryable: e.retryable }); }
            }
            const [n, old] = await Promise.all([env.KV.increment("visits"), env.KV.get("greeting")]);
            await env.KV.put("greeting", "hello #" + n, { metadata: { at: Date.now() } });
            const page = await env.KV.list({ limit: 10 });
            await env.BUS.publish("%s.visits", { n, old, r: Math.random() });
            return Response.json({ n, old, keys: page.keys.map((k) => k.name), t: Date.now() });
          },
        };
        """.formatted(ns, ns));
    server = CairnServer.start(ServerOptions.of(dir, 0, false));
    get("/");
    invocation = get("/");
    failedCall = get("/missing");
    for (int i = 0; i < 200 && (server.journals().read(invocation).isEmpty() || server.journals().read(failedCall).isEmpty()); i++) {
      Thread.sleep(10);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String get(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return r.headers().firstValue("cairn-invocation-id").orElseThrow();
    }
  }

  private static String redisGet(String key) {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (var c = client.connect()) {
      return c.sync().hget("cairn:kv:{" + ns + "}:k:" + key, "v");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  @Test
  void kvAndBusCallsReplayIdenticallyWithoutTouchingRedisOrNats() throws Exception {
    var timeline = JournalViews.timeline(server.journals().read(invocation), false);
    assertThat(timeline.rows()).extracting(TimelineRow::description).anySatisfy(d -> assertThat(d).startsWith("KV.increment \"visits\" by 1 -> 2"))
        .anySatisfy(d -> assertThat(d).startsWith("KV.get \"greeting\" -> \"hello #1\""))
        .anySatisfy(d -> assertThat(d).startsWith("BUS.publish " + ns + ".visits"));
    assertThat(redisGet("visits")).isEqualTo("2");

    List<String> published = new CopyOnWriteArrayList<>();
    try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
      var d = nats.createDispatcher(m -> published.add(m.getSubject()));
      d.subscribe(ns + ".>");
      nats.flush(Duration.ofSeconds(2));
      for (int i = 0; i < 3; i++) {
        ReplayReport report = server.replays().replay(invocation, Optional.empty());
        assertThat(report.error()).isEmpty();
        assertThat(report.identical()).as(report.toString()).isTrue();
      }
      ReplayReport failed = server.replays().replay(failedCall, Optional.empty());
      assertThat(failed.identical()).as(failed.toString()).isTrue();
      nats.flush(Duration.ofSeconds(2));
      Thread.sleep(200);
    }
    assertThat(published).isEmpty();
    assertThat(redisGet("visits")).isEqualTo("2");

    // With the links pointing at servers that are not there, the journal still answers everything.
    server.links().set("cache", "sqlite", java.util.Map.of());
    server.links().remove("events");
    assertThat(server.replays().replay(invocation, Optional.empty()).identical()).isTrue();
  }

  @Test
  void aChangedCapabilityCallIsADivergenceWithBothSides() throws Exception {
    Path other = Files.createTempDirectory("cairn-replay-caps");
    Files.writeString(other.resolve("cairn.yaml"), Files.readString(dir.resolve("cairn.yaml")));
    Files.writeString(other.resolve("api.js"), Files.readString(dir.resolve("api.js")).replace("increment(\"visits\")", "increment(\"visits\", 2)"));
    ReplayReport report = server.replays().replay(invocation, Optional.of(other));
    assertThat(report.identical()).isFalse();
    assertThat(report.recorded()).contains("kv.increment").contains("\"delta\":1");
    assertThat(report.actual()).contains("kv.increment").contains("\"delta\":2");
    assertThat(report.jsStack()).contains("api.js");
  }
}
