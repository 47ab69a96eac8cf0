package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound fetch really leaves the process, but only to hosts on the manifest's allow-list. */
class OutboundTest {
  @TempDir static Path dir;
  static HttpServer upstream;
  static TestApp app;

  @BeforeAll
  static void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext("/", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      byte[] out = ("upstream saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("x-from") + " " + new String(in, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("x-upstream", "yes");
      exchange.sendResponseHeaders(207, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    upstream.start();
    int port = upstream.getAddress().getPort();
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: outbound
            outbound: { allow: ["127.0.0.1:%d"] }
            services:
              api: { module: api.js }
            """.formatted(port),
        "api.js", """
            export default {
              async fetch(request) {
                const target = new URL(request.url).searchParams.get("to");
                const r = await fetch(target, { method: "POST", headers: { "x-from": "cairn" }, body: "hi" });
                return new Response(r.status + " " + r.headers.get("x-upstream") + " " + await r.text());
              },
            };
            """));
  }

  @AfterAll
  static void stop() {
    app.close();
    upstream.stop(0);
  }

  @Test
  void allowedHostIsReachedWithMethodHeadersAndBody() {
    int port = upstream.getAddress().getPort();
    assertThat(app.get("/?to=http://127.0.0.1:" + port + "/path?q=1").body())
        .isEqualTo("207 yes upstream saw POST /path?q=1 cairn hi");
  }

  @Test
  void sameHostOnAnotherPortIsRefused() {
    var r = app.get("/?to=http://127.0.0.1:1/");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).contains("outbound_not_allowed").contains("127.0.0.1:" + upstream.getAddress().getPort());
  }
}
