package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/counter over HTTP: per-page hit counters and a per-client rate limiter, both durable entities. */
class CounterExampleTest {
  static ExampleServer app;

  @BeforeAll
  static void start() {
    app = new ExampleServer("counter");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void eachPageCountsItsOwnHitsAndPeekDoesNotCount() {
    assertThat(app.get("/hits/home").body()).isEqualTo("{\"hits\":1}");
    assertThat(app.get("/hits/home").body()).isEqualTo("{\"hits\":2}");
    assertThat(app.get("/hits/about").body()).isEqualTo("{\"hits\":1}");
    assertThat(app.get("/hits/home/peek").body()).isEqualTo("{\"page\":\"home\",\"hits\":2}");
    assertThat(app.get("/hits/home/peek").body()).isEqualTo("{\"page\":\"home\",\"hits\":2}");
  }

  @Test
  void concurrentHitsAreAllCounted() throws Exception {
    List<CompletableFuture<String>> hits = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      hits.add(CompletableFuture.supplyAsync(() -> app.get("/hits/busy").body()));
    }
    for (var h : hits) assertThat(h.get()).startsWith("{\"hits\":");
    assertThat(app.get("/hits/busy/peek").body()).isEqualTo("{\"page\":\"busy\",\"hits\":30}");
  }

  @Test
  void theRateLimiterAdmitsFivePerMinutePerClient() {
    for (int left = 4; left >= 0; left--) {
      var r = app.send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()), "/limited/alice");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"ok\":true,\"left\":" + left + "}");
    }
    var refused = app.send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()), "/limited/alice");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).contains("\"retryAfterMs\":");
    // another client has its own window
    assertThat(app.send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()), "/limited/bob").statusCode())
        .isEqualTo(200);
  }
}
