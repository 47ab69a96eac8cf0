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
    upstream.createContext("/redirect-out", exchange -> {
      // an allowed host sending the handler to one the manifest does not allow
      exchange.getResponseHeaders().add("location", "http://127.0.0.1:1/secret");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    upstream.createContext("/redirect-in", exchange -> {
      exchange.getResponseHeaders().add("location", "/landed?from=303");
      exchange.sendResponseHeaders(303, -1);
      exchange.close();
    });
    upstream.createContext("/slow", exchange -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
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
                const q = new URL(request.url).searchParams;
                const init = { method: "POST", headers: { "x-from": "cairn" }, body: "hi" };
                if (q.has("redirect")) init.redirect = q.get("redirect");
                if (q.has("timeout")) init.signal = AbortSignal.timeout(Number(q.get("timeout")));
                let r;
                try {
                  r = await fetch(q.get("to"), init);
                } catch (e) {
                  return new Response("failed " + (e.name || "") + " " + (e.cairnCode || "") + " " + e.message, { status: 599 });
                }
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
  void aRedirectIsFollowedOnlyWhereTheAllowListAllows() {
    String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
    // 303 after a POST: the next hop is a GET without the body, on the allowed host
    assertThat(app.get("/?to=" + base + "/redirect-in").body()).isEqualTo("207 yes upstream saw GET /landed?from=303 cairn ");
    // a redirect to a host not on the list is refused like a direct fetch there
    var out = app.get("/?to=" + base + "/redirect-out");
    assertThat(out.statusCode()).isEqualTo(599);
    assertThat(out.body()).contains("outbound_not_allowed").contains("127.0.0.1:1/secret");
    // manual hands the 3xx over; error fails the fetch
    assertThat(app.get("/?redirect=manual&to=" + base + "/redirect-out").body()).startsWith("302 null");
    assertThat(app.get("/?redirect=error&to=" + base + "/redirect-in").body()).contains("fetch_redirect_refused");
  }

  @Test
  void anAbortSignalEndsAFetchThatTakesTooLong() {
    String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
    long t0 = System.nanoTime();
    var r = app.get("/?timeout=100&to=" + base + "/slow");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.body()).startsWith("failed TimeoutError");
    assertThat(ms).isLessThan(2_500); // the upstream answers after 3 s; the signal fired long before
  }

  @Test
  void sameHostOnAnotherPortIsRefused() {
    var r = app.get("/?to=http://127.0.0.1:1/");
    assertThat(r.statusCode()).isEqualTo(599); // the handler caught the rejected fetch
    assertThat(r.body()).contains("outbound_not_allowed").contains("127.0.0.1:" + upstream.getAddress().getPort());
  }
}
