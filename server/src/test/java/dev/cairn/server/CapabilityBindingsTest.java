package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capability bindings as handler code sees them (Workers KV, Queues and R2 shapes), on the
 * default providers: sqlite, inproc and fs. The same JS against the other providers runs in the
 * chat example's test.
 */
class CapabilityBindingsTest {
  @TempDir static Path dir;
  static TestApp app;

  static final String MANIFEST = """
      app: caps
      capabilities:
        cache: { contract: kv }
        events: { contract: messaging }
        files: { contract: blob }
      services:
        api:
          module: api.js
          routes: ["/*"]
          bindings: { KV: { kv: cache }, BUS: { messaging: events }, FILES: { blob: files } }
        audit:
          module: audit.js
          subscribe: { events: "orders.*" }
          bindings: { KV: { kv: cache }, BUS: { messaging: events } }
      """;

  static final String API = """
      export default {
        async fetch(request, env) {
          const path = new URL(request.url).pathname;
          if (path === "/kv") {
            await env.KV.put("user:1", JSON.stringify({ name: "Ada" }), { metadata: { v: 1 } });
            await env.KV.put("user:2", new Uint8Array([1, 2, 3]));
            await env.KV.put("raw", new Uint8Array([255, 0, 128]));
            const raw = [...new Uint8Array(await env.KV.get("raw", "arrayBuffer"))];
            await env.KV.put("tmp", "x", { expirationTtl: 3600 });
            const text = await env.KV.get("user:1");
            const json = await env.KV.get("user:1", "json");
            const bytes = new Uint8Array(await env.KV.get("user:2", { type: "arrayBuffer" }));
            const meta = await env.KV.getWithMetadata("user:1", "json");
            const missing = await env.KV.get("nobody");
            const page = await env.KV.list({ prefix: "user:", limit: 1 });
            const rest = await env.KV.list({ prefix: "user:", cursor: page.cursor });
            const n1 = await env.KV.increment("hits");
            const n2 = await env.KV.increment("hits", 10);
            const cas1 = await env.KV.compareAndSet("lock", null, "mine");
            const cas2 = await env.KV.compareAndSet("lock", null, "yours");
            const cas3 = await env.KV.compareAndSet("lock", "mine", "free");
            await env.KV.delete("user:2");
            const streamed = await new Response(await env.KV.get("user:1", "stream")).text();
            return Response.json({ text, json, bytes: [...bytes], meta: meta.metadata, missing, page, rest, n1, n2, cas1, cas2, cas3,
              after: await env.KV.get("user:2"), lock: await env.KV.get("lock"), streamed, raw });
          }
          if (path === "/kv-bad") {
            // Errors made while the answer is turned into the binding's value, and bad arguments, are rejections.
            await env.KV.put("notjson", "{nope");
            const caught = [];
            await env.KV.get("notjson", "json").catch((e) => caught.push("get:" + e.name));
            await env.KV.getWithMetadata("notjson", "json").catch((e) => caught.push("meta:" + e.name));
            const put = env.KV.put("k", "v", { expirationTtl: -1 });
            await put.catch((e) => caught.push("put:" + e.name));
            await env.KV.put("k", new Uint8Array([1]), { expiration: "soon" }).catch((e) => caught.push("putBytes:" + e.name));
            // An expiry past JS's safe integers does not cross typed (rt.kv): the JSON path refuses it.
            await env.KV.put("k", "v", { expiration: 1e300 }).catch((e) => caught.push("huge:" + e.code));
            // Metadata JSON.stringify makes undefined: refused by the host, as any metadata that is not a string.
            await env.KV.put("k", "v", { metadata: () => 1 }).catch((e) => caught.push("fnMeta:" + e.code));
            const badKey = { toString() { throw new TypeError("no key"); } };
            await env.KV.delete(badKey).catch((e) => caught.push("delete:" + e.name));
            await env.KV.get(badKey).catch((e) => caught.push("getKey:" + e.name));
            await env.KV.getWithMetadata(badKey).catch((e) => caught.push("metaKey:" + e.name));
            return Response.json({ caught, putIsPromise: put instanceof Promise, k: await env.KV.get("k") });
          }
          if (path === "/kv-repeat") {
            // Identical replies (the glue parses each short one once): every call still gets its own result.
            await env.KV.put("rep:1", "same");
            const first = await env.KV.getWithMetadata("rep:1");
            first.value = "changed by the caller";
            first.extra = true;
            const second = await env.KV.getWithMetadata("rep:1");
            const l1 = await env.KV.list({ prefix: "rep:" });
            l1.keys.push({ name: "added by the caller" });
            l1.keys[0].name = "renamed by the caller";
            const l2 = await env.KV.list({ prefix: "rep:" });
            return Response.json({ second, l2 });
          }
          if (path === "/too-large") {
            try {
              await env.KV.put("big", "x".repeat(2 * 1024 * 1024));
              return new Response("stored?!");
            } catch (e) {
              return Response.json({ code: e.code, retryable: e.retryable, message: e.message });
            }
          }
          if (path === "/order") {
            await env.BUS.publish("orders.created", { id: 7, total: 12.5 });
            return new Response("sent");
          }
          if (path === "/audited") return new Response(String(await env.KV.get("audited") ?? "0"));
          if (path === "/echo") {
            const reply = await env.BUS.request("orders.echo", "ping", { timeout: 2000 });
            return Response.json({ body: reply.body, subject: reply.subject });
          }
          if (path === "/nobody") {
            try {
              await env.BUS.request("nobody.home", "?", { timeout: 200 });
            } catch (e) {
              return Response.json({ code: e.code, retryable: e.retryable });
            }
          }
          if (path === "/files") {
            const put = await env.FILES.put("docs/a.txt", "hello files", { httpMetadata: { contentType: "text/plain" }, customMetadata: { by: "ada" } });
            await env.FILES.put("docs/b.bin", request.body);
            const got = await env.FILES.get("docs/a.txt");
            const head = await env.FILES.head("docs/b.bin");
            const list = await env.FILES.list({ prefix: "docs/" });
            const body = await got.text();
            const headers = new Headers();
            got.writeHttpMetadata(headers);
            await env.FILES.delete(["docs/a.txt"]);
            return Response.json({ size: put.size, etag: put.etag.length, body, type: headers.get("content-type"),
              by: got.customMetadata.by, binSize: head.size, keys: list.objects.map((o) => o.key), truncated: list.truncated,
              gone: await env.FILES.get("docs/a.txt") });
          }
          return new Response("no route", { status: 404 });
        },
      };
      """;

  static final String AUDIT = """
      export default {
        async message(batch, env) {
          for (const msg of batch.messages) {
            if (msg.subject === "orders.echo") {
              await env.BUS.publish(msg.replyTo, "pong:" + msg.body);
            } else {
              if (msg.body.id !== 7 || msg.attempts !== 1) throw new Error("unexpected " + JSON.stringify(msg.body));
              await env.KV.increment("audited");
            }
          }
        },
      };
      """;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", API, "audit.js", AUDIT));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void kvHasTheWorkersShapeWithCountersAndCompareAndSet() {
    HttpResponse<String> r = app.get("/kv");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"text\":\"{\\\"name\\\":\\\"Ada\\\"}\"")
        .contains("\"json\":{\"name\":\"Ada\"}")
        .contains("\"bytes\":[1,2,3]")
        .contains("\"meta\":{\"v\":1}")
        .contains("\"missing\":null")
        .contains("\"page\":{\"keys\":[{\"name\":\"user:1\",\"metadata\":{\"v\":1}}],\"list_complete\":false,\"cursor\":\"")
        .contains("\"rest\":{\"keys\":[{\"name\":\"user:2\"}],\"list_complete\":true")
        .contains("\"n1\":1,\"n2\":11")
        .contains("\"cas1\":true,\"cas2\":false,\"cas3\":true")
        .contains("\"after\":null,\"lock\":\"free\"")
        .contains("\"streamed\":\"{\\\"name\\\":\\\"Ada\\\"}\"")
        .contains("\"raw\":[255,0,128]");
  }

  @Test
  void aValueThatCannotBeReadAsAskedAndBadArgumentsAreRejections() {
    HttpResponse<String> r = app.get("/kv-bad");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"caught\":[\"get:SyntaxError\",\"meta:SyntaxError\",\"put:TypeError\",\"putBytes:TypeError\","
        + "\"huge:capability_invalid_argument\",\"fnMeta:capability_invalid_argument\",\"delete:TypeError\",\"getKey:TypeError\",\"metaKey:TypeError\"],\"putIsPromise\":true,\"k\":null}");
  }

  @Test
  void callsWithIdenticalRepliesEachGetTheirOwnResult() {
    HttpResponse<String> r = app.get("/kv-repeat");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"second\":{\"value\":\"same\",\"metadata\":null,\"cacheStatus\":null},"
        + "\"l2\":{\"keys\":[{\"name\":\"rep:1\"}],\"list_complete\":true,\"cacheStatus\":null}}");
  }

  @Test
  void aValueOverTheLimitIsATypedNonRetryableError() {
    assertThat(app.get("/too-large").body()).contains("\"code\":\"capability_value_too_large\"").contains("\"retryable\":false")
        .contains("valueBytesMax = 1048576");
  }

  @Test
  void publishedMessagesReachTheSubscribersMessageHandler() throws Exception {
    int before = Integer.parseInt(app.get("/audited").body());
    assertThat(app.get("/order").body()).isEqualTo("sent");
    for (int i = 0; i < 100 && Integer.parseInt(app.get("/audited").body()) == before; i++) TimeUnit.MILLISECONDS.sleep(20);
    assertThat(Integer.parseInt(app.get("/audited").body())).isEqualTo(before + 1);
  }

  @Test
  void requestsAreAnsweredByASubscriberPublishingToTheReplySubject() {
    assertThat(app.get("/echo").body()).startsWith("{\"body\":\"pong:ping\",\"subject\":\"_INBOX.");
    assertThat(app.get("/nobody").body()).isEqualTo("{\"code\":\"capability_no_responders\",\"retryable\":true}");
  }

  @Test
  void filesHaveTheR2ShapeAndTakeRequestBodies() {
    var r = app.post("/files", "binary-ish body");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"size\":11,\"etag\":64,\"body\":\"hello files\",\"type\":\"text/plain\",\"by\":\"ada\","
        + "\"binSize\":15,\"keys\":[\"docs/a.txt\",\"docs/b.bin\"],\"truncated\":false,\"gone\":null}");
  }
}
