package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service bindings (fetch and JS RPC), fetch by URL to a service, and ctx.waitUntil, in-process. */
class BindingsTest {
  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: bindings
            services:
              api:
                module: api.js
                routes: ["/*"]
                bindings: { USERS: { service: users }, ADDER: { service: adder } }
                limits: { contexts: 1 }   # /wait and /background must see the same module state
              users: { module: users.js }
              adder: { module: adder.js }
            """,
        "api.js", """
            let background = [];
            export default {
              async fetch(request, env, ctx) {
                const path = new URL(request.url).pathname;
                if (path === "/binding") return new Response("via binding: " + await (await env.USERS.fetch("http://users/me?x=1", { headers: { "x-who": "api" } })).text());
                if (path === "/url") return new Response("via url: " + await (await fetch("http://users/me")).text());
                if (path === "/rpc") return Response.json(await env.ADDER.add(40, 2));
                if (path === "/rpc-object") return Response.json(await env.ADDER.describe({ n: 1, list: [1, 2] }));
                if (path === "/rpc-error") {
                  try { await env.ADDER.fail(); return new Response("no error"); }
                  catch (e) { return new Response("caught: " + e.message); }
                }
                if (path === "/rpc-missing") {
                  try { await env.ADDER.nope(); return new Response("no error"); }
                  catch (e) { return new Response("caught: " + e.message); }
                }
                if (path === "/fanout") {
                  const parts = await Promise.all(Array.from({ length: 10 }, (_, i) => env.ADDER.add(i, i)));
                  return Response.json(parts.reduce((a, b) => a + b, 0));
                }
                if (path === "/wait") {
                  ctx.waitUntil(new Promise((r) => setTimeout(r, 30)).then(() => background.push("done")));
                  return new Response("responded");
                }
                if (path === "/background") return Response.json(background);
                return new Response("api", { status: 404 });
              },
            };
            """,
        "users.js", """
            export default { fetch(request) {
              const u = new URL(request.url);
              return new Response("users " + u.pathname + u.search + " from " + (request.headers.get("x-who") || "nobody"));
            } };
            """,
        "adder.js", """
            import { WorkerEntrypoint } from "cloudflare:workers";
            export default class Adder extends WorkerEntrypoint {
              async add(a, b) { return a + b; }
              describe(o) { return { keys: Object.keys(o), sum: o.list.reduce((a, b) => a + b, 0), hasEnv: this.env !== undefined }; }
              async fail() { throw new Error("adder failed on purpose"); }
              fetch() { return new Response("adder"); }
            }
            """));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void serviceBindingFetchCarriesUrlAndHeaders() {
    assertThat(app.get("/binding").body()).isEqualTo("via binding: users /me?x=1 from api");
  }

  @Test
  void plainFetchToAServiceNameStaysInProcess() {
    assertThat(app.get("/url").body()).isEqualTo("via url: users /me from nobody");
  }

  @Test
  void jsRpcCallsWorkerEntrypointMethods() {
    assertThat(app.get("/rpc").body()).isEqualTo("42");
    assertThat(app.get("/rpc-object").body()).isEqualTo("{\"keys\":[\"n\",\"list\"],\"sum\":3,\"hasEnv\":true}");
    assertThat(app.get("/fanout").body()).isEqualTo("90");
  }

  @Test
  void rpcErrorsRejectInTheCaller() {
    assertThat(app.get("/rpc-error").body()).isEqualTo("caught: Error: adder failed on purpose");
    assertThat(app.get("/rpc-missing").body()).startsWith("caught: ").contains("nope");
  }

  @Test
  void waitUntilWorkFinishesAfterTheResponse() throws Exception {
    assertThat(app.get("/wait").body()).isEqualTo("responded");
    String seen = "";
    for (int i = 0; i < 100 && !seen.contains("done"); i++) {
      Thread.sleep(20);
      seen = app.get("/background").body();
    }
    assertThat(seen).contains("done");
  }
}
