package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing, the Workers fetch contract, env vars and the gateway's HTTP behaviour, over real HTTP. */
class ServeBasicsTest {
  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: basics
            services:
              api:
                module: src/api.js
                routes: ["/api/*"]
                vars: { GREETING: "hello", LIMIT: 3, NESTED: { a: [1, 2] } }
                limits: { bodyBytesMax: 1024 }
              hooks: { module: src/hooks.js, routes: ["hooks.example.com/*"] }
              other: { module: src/other.js, routes: ["/*"] }
            """,
        "src/api.js", """
            export default {
              async fetch(request, env, ctx) {
                const url = new URL(request.url);
                if (url.pathname === "/api/echo") {
                  return new Response(await request.text(), { status: 201, headers: { "x-method": request.method } });
                }
                if (url.pathname === "/api/env") return Response.json({ g: env.GREETING, l: env.LIMIT, n: env.NESTED });
                return Response.json({ path: url.pathname, q: url.searchParams.get("q") });
              },
            };
            """,
        "src/hooks.js", "export default { fetch() { return new Response('hooks'); } };",
        "src/other.js", "export default { fetch(r) { return new Response('other ' + new URL(r.url).pathname); } };"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void routesByPathAndAnswersJson() {
    var r = app.get("/api/users?q=1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"path\":\"/api/users\",\"q\":\"1\"}");
    assertThat(r.headers().firstValue("cairn-invocation-id")).get().asString().hasSize(28);
    assertThat(app.get("/elsewhere").body()).isEqualTo("other /elsewhere");
  }

  @Test
  void routesByHostHeader() throws Exception {
    // The JDK client refuses to set Host, so speak HTTP/1.1 on a socket, which also checks keep-alive.
    try (Socket s = new Socket("127.0.0.1", app.server.port())) {
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      for (int i = 0; i < 2; i++) {
        out.write("GET /x HTTP/1.1\r\nHost: hooks.example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        int length = -1;
        for (String line; !(line = in.readLine()).isEmpty(); ) {
          if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
          assertThat(line.toLowerCase()).doesNotStartWith("connection: close");
        }
        char[] body = new char[length];
        assertThat(in.read(body)).isEqualTo(length);
        assertThat(new String(body)).isEqualTo("hooks");
      }
    }
  }

  @Test
  void requestBodyHeadersAndStatusRoundTrip() {
    var r = app.post("/api/echo", "payload ✓");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("payload ✓");
    assertThat(r.headers().firstValue("x-method")).hasValue("POST");
  }

  @Test
  void varsArriveOnEnv() {
    assertThat(app.get("/api/env").body()).isEqualTo("{\"g\":\"hello\",\"l\":3,\"n\":{\"a\":[1,2]}}");
  }

  @Test
  void oversizedBodyIs413WithCode() {
    var r = app.post("/api/echo", "x".repeat(2000));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("\"code\":\"body_too_large\"").contains("1024");
  }

  @Test
  void oversizedChunkedBodyIs413Too() {
    var publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[5000]));
    var r = app.send(HttpRequest.newBuilder(URI.create(app.url("/api/echo"))).POST(publisher).build());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("body_too_large");
  }
}
