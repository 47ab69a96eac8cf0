package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every limit and every handler failure ends in a clear JSON error, and the node keeps serving. */
class LimitsAndErrorsTest {
  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: limits
            limits: { cpuTimeMs: 100, wallTimeMs: 2000, subrequestsMax: 3 }
            services:
              api: { module: api.js, routes: ["/*"] }
              slow:
                module: slow.js
                routes: ["/slow/*"]
                # cpuTimeMs: its first invocation runs cold JS (≈ 100 ms of CPU on a slow 2-core VM), and this service is about queueing
                limits: { concurrentInvocationsMax: 1, queueWaitMs: 100, contexts: 1, cpuTimeMs: 5000 }
              peer: { module: peer.js }
            """,
        "api.js", """
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/spin") { while (true) {} }
                if (path === "/throw") throw new TypeError("bad thing");
                if (path === "/reject") return Promise.reject("plain string");
                if (path === "/not-response") return { status: 200 };
                if (path === "/nothing") return undefined;
                if (path === "/hang") return new Promise(() => {});
                if (path === "/outbound") return fetch("http://example.com/");
                if (path === "/subrequests") {
                  const out = [];
                  for (let i = 0; i < 5; i++) {
                    try { await fetch("http://peer/"); out.push("ok"); } catch (e) { out.push(e.message.split(" ")[0] + "-" + i); }
                  }
                  return Response.json(out);
                }
                if (path === "/status") return new Response("x", { status: 99 });
                return new Response("fine");
              },
            };
            """,
        "slow.js", "export default { async fetch() { await new Promise(r => setTimeout(r, 400)); return new Response('slow'); } };",
        "peer.js", "export default { fetch() { return new Response('peer'); } };"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).contains("\"code\":\"" + code + "\"").contains("\"invocationId\"");
  }

  @Test
  void busyLoopIsStoppedAtItsCpuLimitAndTheNodeKeepsServing() {
    assertError(app.get("/spin"), 503, "cpu_time_exceeded");
    assertThat(app.get("/ok").body()).isEqualTo("fine");
    assertError(app.get("/spin"), 503, "cpu_time_exceeded");
    assertThat(app.get("/ok").body()).isEqualTo("fine");
  }

  @Test
  void throwingHandlerIs500WithTheJsMessage() {
    var r = app.get("/throw");
    assertError(r, 500, "handler_error");
    assertThat(r.body()).contains("TypeError: bad thing");
    assertError(app.get("/reject"), 500, "handler_error");
  }

  @Test
  void nonResponseIsAClearError() {
    var r = app.get("/not-response");
    assertError(r, 500, "handler_invalid_response");
    assertThat(r.body()).contains("must return a Response, got Object");
    assertThat(app.get("/nothing").body()).contains("got undefined");
  }

  @Test
  void invalidStatusIsAnErrorNotAHang() {
    // Workers throws a RangeError from the Response constructor; either way the caller gets a 500 at once.
    var r = app.get("/status");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).containsAnyOf("handler_error", "handler_invalid_response");
  }

  @Test
  void hangingHandlerEndsAtItsWallTime() {
    assertError(app.get("/hang"), 504, "wall_time_exceeded");
  }

  @Test
  void outboundFetchToAHostNotAllowedIsRefused() {
    var r = app.get("/outbound");
    assertError(r, 502, "outbound_not_allowed");
    assertThat(r.body()).contains("outbound.allow");
  }

  @Test
  void subrequestsAreCountedPerInvocation() {
    assertThat(app.get("/subrequests").body())
        .isEqualTo("[\"ok\",\"ok\",\"ok\",\"more-3\",\"more-4\"]");
  }

  @Test
  void theLongerRoutePrefixWins() {
    assertThat(app.get("/slow/x").body()).isEqualTo("slow");
  }

  @Test
  void concurrencyLimitQueuesThenRejectsWithServiceOverloaded() {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(app.http.sendAsync(HttpRequest.newBuilder(URI.create(app.url("/slow/" + i))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();
    assertThat(statuses).contains(200);
    assertThat(statuses).contains(503);
    var overloaded = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
    assertThat(overloaded.body()).contains("service_overloaded");
  }
}
