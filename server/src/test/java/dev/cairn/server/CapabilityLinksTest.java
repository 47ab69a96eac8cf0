package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.manifest.ManifestException;
import dev.cairn.server.ports.system.AdminTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links at runtime through the admin API: swapping providers under load fails no request; a
 * provider that is down at start leaves the app serving with the link unhealthy and calls failing
 * with a typed retryable error, until it is relinked; bad links are refused with clear errors.
 */
class CapabilityLinksTest {
  @TempDir Path dir;

  static final String API = """
      export default {
        async fetch(request, env) {
          try {
            return new Response(String(await env.KV.increment("n")));
          } catch (e) {
            return Response.json({ code: e.code, retryable: e.retryable, message: e.message }, { status: 503 });
          }
        },
      };
      """;

  static String manifest(String kvLine) {
    return """
        app: links
        capabilities:
          cache: %s
        services:
          api: { module: api.js, routes: ["/*"], bindings: { KV: { kv: cache } } }
        """.formatted(kvLine);
  }

  static HttpResponse<String> admin(TestApp app, String method, String path, String body) {
    String token = AdminTokens.read(app.dir.resolve(".cairn")).orElseThrow();
    return app.send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
  }

  static String ns() {
    return "links" + Long.toHexString(System.nanoTime());
  }

  @Test
  void swappingProvidersUnderConcurrentLoadFailsNoRequest() throws Exception {
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml", manifest("{ contract: kv, provider: sqlite }"), "api.js", API))) {
      AtomicBoolean stop = new AtomicBoolean();
      List<String> failures = new CopyOnWriteArrayList<>();
      AtomicInteger served = new AtomicInteger();
      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        load.add(Thread.ofVirtual().start(() -> {
          while (!stop.get()) {
            var r = app.get("/");
            if (r.statusCode() != 200) failures.add(r.statusCode() + " " + r.body());
            else served.incrementAndGet();
          }
        }));
      }
      List<String> swaps = List.of(
          "{\"provider\":\"redis\",\"config\":{\"url\":\"redis://127.0.0.1:6379\",\"namespace\":\"" + ns() + "\"}}",
          "{\"provider\":\"postgres\",\"config\":{\"url\":\"postgresql://127.0.0.1:5432/test\",\"namespace\":\"" + ns() + "\"}}",
          "{\"provider\":\"sqlite\",\"config\":{\"path\":\"second.db\"}}");
      for (String swap : swaps) {
        Thread.sleep(400);
        var r = admin(app, "PUT", "/__cairn/links/cache", swap);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      Thread.sleep(400);
      stop.set(true);
      for (Thread t : load) t.join();
      assertThat(failures).isEmpty();
      assertThat(served.get()).isGreaterThan(100);
      // The last link is a fresh sqlite file: its counter started again from 1.
      long last = Long.parseLong(app.get("/").body());
      assertThat(last).isLessThan(served.get());
      var list = admin(app, "GET", "/__cairn/links", "");
      assertThat(list.body()).contains("\"name\":\"cache\",\"contract\":\"kv\",\"provider\":\"sqlite\"")
          .contains("\"state\":\"healthy\"").contains("\"source\":\"runtime\"").contains("\"swaps\":3");
    }
  }

  @Test
  void aProviderDownAtStartLeavesTheAppServingWithATypedRetryableErrorUntilRelinked() throws Exception {
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml",
        manifest("{ contract: kv, provider: redis, url: \"redis://127.0.0.1:1\", timeoutMs: \"300\" }"), "api.js", API))) {
      var r = app.get("/");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("\"code\":\"capability_unavailable\"").contains("\"retryable\":true").contains("127.0.0.1:1");
      assertThat(admin(app, "GET", "/__cairn/links", "").body()).contains("\"state\":\"connecting\"").contains("127.0.0.1:1");

      var bad = admin(app, "PUT", "/__cairn/links/cache", "{\"provider\":\"redis\",\"config\":{\"url\":\"http://nope\"}}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("capability_bad_config").contains("redis://host:port");
      var unknown = admin(app, "PUT", "/__cairn/links/cache", "{\"provider\":\"memcached\"}");
      assertThat(unknown.body()).contains("capability_unknown_provider").contains("sqlite, redis, postgres");
      var down = admin(app, "PUT", "/__cairn/links/cache", "{\"provider\":\"postgres\",\"config\":{\"url\":\"postgresql://127.0.0.1:1/test\",\"connectTimeoutMs\":\"300\"}}");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("capability_unavailable");
      assertThat(admin(app, "GET", "/__cairn/links", "").body()).contains("\"provider\":\"redis\"");
      assertThat(admin(app, "PUT", "/__cairn/links/nope", "{\"provider\":\"sqlite\"}").body()).contains("capability_not_found");

      var fixed = admin(app, "PUT", "/__cairn/links/cache", "{\"provider\":\"redis\",\"config\":{\"url\":\"redis://127.0.0.1:6379\",\"namespace\":\"" + ns() + "\"}}");
      assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
      assertThat(app.get("/").body()).isEqualTo("1");

      var removed = admin(app, "DELETE", "/__cairn/links/cache", "");
      assertThat(removed.body()).contains("\"state\":\"unlinked\"");
      assertThat(app.get("/").body()).contains("\"code\":\"capability_unlinked\"").contains("\"retryable\":true");
    }
  }

  @Test
  void unknownProvidersAndBadSettingsInTheManifestNameTheFileLineAndField() throws Exception {
    TestApp.write(dir, TestApp.files("cairn.yaml", manifest("{ contract: kv, provider: memcached }"), "api.js", API));
    assertThatThrownBy(() -> CairnServer.start(ServerOptions.of(dir, 0, false))).isInstanceOf(ManifestException.class)
        .hasMessageContaining("cairn.yaml:3: capabilities.cache.provider").hasMessageContaining("sqlite, redis, postgres");
    Files.writeString(dir.resolve("cairn.yaml"), manifest("{ contract: kv, provider: redis, url: \"mysql://x\" }"));
    assertThatThrownBy(() -> CairnServer.start(ServerOptions.of(dir, 0, false))).isInstanceOf(ManifestException.class)
        .hasMessageContaining("cairn.yaml:3: capabilities.cache").hasMessageContaining("url").hasMessageContaining("redis://host:port");
  }

  @Test
  void aHandlerThatAlwaysThrowsIsRetriedWithBackoffThenDeadLettered() throws Exception {
    String files = """
        app: dlq
        capabilities:
          events: { contract: messaging }
          cache: { contract: kv }
        services:
          api: { module: api.js, routes: ["/*"], bindings: { BUS: { messaging: events }, KV: { kv: cache } } }
          worker:
            module: worker.js
            bindings: { KV: { kv: cache } }
            subscribe: { events: { subject: "jobs.*", retriesMax: 2, retryDelayMs: 100 } }
          graveyard:
            module: graveyard.js
            bindings: { KV: { kv: cache } }
            subscribe: { events: "cairn.dead-letter.>" }
        """;
    String api = """
        export default {
          async fetch(request, env) {
            if (new URL(request.url).pathname === "/job") { await env.BUS.publish("jobs.resize", { w: 10 }); return new Response("queued"); }
            const list = await env.KV.list({ prefix: "attempt:" });
            return Response.json({ attempts: list.keys.map((k) => k.metadata), dead: await env.KV.get("dead", "json") });
          },
        };
        """;
    String worker = """
        export default {
          async message(batch, env) {
            for (const m of batch.messages) await env.KV.put("attempt:" + m.attempts, "x", { metadata: { n: m.attempts, at: Date.now() } });
            throw new Error("boom");
          },
        };
        """;
    String graveyard = """
        export default {
          async message(batch, env) {
            const m = batch.messages[0];
            await env.KV.put("dead", JSON.stringify({ subject: m.subject, attempts: m.headers["cairn-attempts"],
              reason: m.headers["cairn-dead-letter-reason"], original: m.headers["cairn-original-subject"], body: m.body }));
          },
        };
        """;
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml", files, "api.js", api, "worker.js", worker, "graveyard.js", graveyard))) {
      assertThat(app.get("/job").body()).isEqualTo("queued");
      String state = "";
      for (int i = 0; i < 200 && !(state = app.get("/").body()).contains("\"dead\":{"); i++) Thread.sleep(25);
      assertThat(state).contains("\"subject\":\"cairn.dead-letter.dlq.worker\"").contains("\"attempts\":\"3\"")
          .contains("boom").contains("\"original\":\"jobs.resize\"").contains("\"body\":{\"w\":10}");
      Thread.sleep(500); // no further attempts come
      var attempts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.get("/").body()).path("attempts");
      assertThat(attempts).hasSize(3);
      long first = attempts.get(0).path("at").asLong();
      long last = attempts.get(2).path("at").asLong();
      assertThat(last - first).as("backoff 100 ms then 200 ms").isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void aDevReloadHandsNewMessagesToTheNewCodeAndKeepsTheLinks() throws Exception {
    String files = """
        app: reload
        capabilities:
          events: { contract: messaging }
          cache: { contract: kv }
        services:
          api: { module: api.js, routes: ["/*"], bindings: { BUS: { messaging: events }, KV: { kv: cache } } }
          worker: { module: worker.js, bindings: { KV: { kv: cache } }, subscribe: { events: "jobs" } }
        """;
    String api = """
        export default {
          async fetch(request, env) {
            if (new URL(request.url).pathname === "/job") { await env.BUS.publish("jobs", "x"); return new Response("queued"); }
            return new Response((await env.KV.get("v1") ?? "0") + " " + (await env.KV.get("v2") ?? "0"));
          },
        };
        """;
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml", files, "api.js", api,
        "worker.js", "export default { async message(b, env) { for (const m of b.messages) await env.KV.increment('v1'); } };\n"), true)) {
      app.get("/job");
      for (int i = 0; i < 200 && !app.get("/").body().equals("1 0"); i++) Thread.sleep(20);
      assertThat(app.get("/").body()).isEqualTo("1 0");
      Files.writeString(dir.resolve("worker.js"), "export default { async message(b, env) { for (const m of b.messages) await env.KV.increment('v2'); } };\n");
      for (int i = 0; i < 300 && app.get("/").body().endsWith(" 0"); i++) {
        app.get("/job");
        Thread.sleep(30);
      }
      String before = app.get("/").body();
      assertThat(before).doesNotEndWith(" 0");
      for (int i = 0; i < 10; i++) app.get("/job"); // the old code is alive for its grace period, but takes none of these
      String v1 = before.split(" ")[0];
      String expected = v1 + " " + (Integer.parseInt(before.split(" ")[1]) + 10);
      // delivery is asynchronous: wait for it (a loaded machine takes longer), then check nothing went to the old code
      for (int i = 0; i < 250 && !app.get("/").body().equals(expected); i++) Thread.sleep(20);
      assertThat(app.get("/").body()).isEqualTo(expected);
      assertThat(admin(app, "GET", "/__cairn/links", "").body()).contains("\"swaps\":0");
    }
  }
}
