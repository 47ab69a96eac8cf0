package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http contract: a binding reaches its capability's allow-list, and nothing else, whatever outbound.allow says. */
class HttpCapabilityTest {
  @TempDir Path dir;

  @Test
  void anHttpBindingFetchesFromItsAllowedHostsOnly() throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", ex -> {
      byte[] body = ("hello " + ex.getRequestMethod() + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("x-upstream", "yes");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    upstream.start();
    int port = upstream.getAddress().getPort();
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml", """
        app: http
        capabilities:
          upstream: { contract: http, provider: jdk, allow: "127.0.0.1:%d" }
        services:
          api: { module: api.js, routes: ["/*"], bindings: { UP: { http: upstream } } }
        """.formatted(port), "api.js", """
        export default {
          async fetch(request, env) {
            const r = await env.UP.fetch("http://127.0.0.1:%d/x", { method: "POST", body: "ping" });
            let refused;
            try { await env.UP.fetch("http://127.0.0.1:1/"); } catch (e) { refused = e.code; }
            return Response.json({ status: r.status, text: await r.text(), header: r.headers.get("x-upstream"), refused });
          },
        };
        """.formatted(port)))) {
      assertThat(app.get("/").body()).isEqualTo("{\"status\":200,\"text\":\"hello POST ping\",\"header\":\"yes\",\"refused\":\"capability_invalid_argument\"}");
    } finally {
      upstream.stop(0);
    }
  }
}
