package dev.cairn.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.core.http.Header;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.server.journal.JournalFixtures;
import dev.cairn.server.journal.ReplayService;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP, on a real SQLite journal store. */
class AdminHandlerTest {
  static final String TOKEN = "t0ken";
  static final long NOW_MS = 1_000_000 + 3_600_000;

  @TempDir Path dir;
  ThreadScheduler scheduler;
  SqliteJournalStore store;
  HttpServer http;
  final List<String> replays = new ArrayList<>();
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    scheduler = new ThreadScheduler();
    store = SqliteJournalStore.open(dir.resolve("journal.db"), scheduler);
    record("inv-a", "api", Status.COMPLETED, 1_000_000, JournalFixtures.addJournal("inv-a"));
    record("inv-b", "api", Status.FAILED, 1_000_000 + 3_000_000, JournalFixtures.addJournal("inv-b"));
    record("inv-c", "users", Status.COMPLETED, 1_000_000 + 3_500_000, JournalFixtures.addJournal("inv-c"));
    record("inv-bad", "api", Status.COMPLETED, 5, JournalFixtures.flipped(JournalFixtures.addJournal("inv-bad"), 2));
    Clock clock = new Clock() {
      @Override public long nowMs() { return NOW_MS; }
      @Override public long monotonicNs() { return 0; }
    };
    AdminHandler handler = new AdminHandler(store, new FakeReplay(), clock, TOKEN);
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      List<Header> headers = new ArrayList<>();
      exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
      byte[] body = exchange.getRequestBody().readAllBytes();
      ResponseData res = handler.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawQuery(), headers, body).orElse(ResponseData.json(418, "{}"));
      exchange.getResponseHeaders().add("content-type", res.header("content-type"));
      exchange.sendResponseHeaders(res.status(), res.body().length);
      exchange.getResponseBody().write(res.body());
      exchange.close();
    });
    http.start();
  }

  void record(String id, String service, Status status, long startedAtMs, List<byte[]> frames) {
    store.putSummary(InvocationSummary.of(id, service, "fetch", status, startedAtMs, 36));
    store.append(id, 0, frames).join();
  }

  @AfterEach
  void stop() {
    http.stop(0);
    store.close();
    scheduler.close();
  }

  final class FakeReplay implements ReplayService {
    @Override
    public ReplayReport replay(String invocationId, Optional<Path> code) {
      replays.add(invocationId + " " + code.map(Path::toString).orElse("-"));
      return new ReplayReport(invocationId, false, 1, "service.rpc adder.add [2,3]", "service.rpc adder.add [2,4]",
          "at fetch (src/api.js:5:20)", "");
    }

    @Override
    public List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
      replays.add("all " + service + " " + code.map(Path::toString).orElse("-") + " " + limit);
      return List.of(new ReplayReport("inv-a", true, -1, "", "", "", ""),
          new ReplayReport("inv-b", false, -1, "", "", "", "module_not_found: no module src/api.js"));
    }
  }

  HttpResponse<String> call(String method, String pathAndQuery, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutTheRightTokenEverythingIs401() throws Exception {
    String body = "{\"error\":{\"code\":\"admin_unauthorized\",\"message\":\"the admin API needs the header"
        + " Authorization: Bearer <token>, the token in <dataDir>/admin-token\"}}";
    for (String token : new String[] {null, "wrong", TOKEN + "x"}) {
      HttpResponse<String> res = call("GET", "/__cairn/invocations", token, null);
      assertThat(res.statusCode()).isEqualTo(401);
      assertThat(res.body()).isEqualTo(body);
    }
    assertThat(call("POST", "/__cairn/replay?service=api", null, null).statusCode()).isEqualTo(401);
    assertThat(replays).isEmpty();
  }

  @Test
  void pathsOutsideThePrefixAreNotTheApis() throws Exception {
    assertThat(call("GET", "/api/x", TOKEN, null).statusCode()).isEqualTo(418);
  }

  @Test
  void listsNewestFirstFilteredByServiceStatusAndSince() throws Exception {
    assertThat(ids(call("GET", "/__cairn/invocations", TOKEN, null).body())).containsExactly("inv-c", "inv-b", "inv-a", "inv-bad");
    assertThat(ids(call("GET", "/__cairn/invocations?service=api&limit=2", TOKEN, null).body())).containsExactly("inv-b", "inv-a");
    assertThat(ids(call("GET", "/__cairn/invocations?status=error", TOKEN, null).body())).containsExactly("inv-b");
    assertThat(ids(call("GET", "/__cairn/invocations?since=10m", TOKEN, null).body())).containsExactly("inv-c", "inv-b");
    assertThat(ids(call("GET", "/__cairn/invocations?since=4000000", TOKEN, null).body())).containsExactly("inv-c", "inv-b");
    assertThat(call("GET", "/__cairn/invocations?service=api", TOKEN, null).body()).startsWith(
        "{\"invocations\":[{\"invocationId\":\"inv-b\",\"service\":\"api\",\"kind\":\"fetch\",\"status\":\"failed\","
            + "\"startedAtMs\":4000000,\"durationMs\":36,\"entries\":4,\"bytes\":");
  }

  @Test
  void badParametersAre400NamingTheParameter() throws Exception {
    HttpResponse<String> since = call("GET", "/__cairn/invocations?since=yesterday", TOKEN, null);
    assertThat(since.statusCode()).isEqualTo(400);
    assertThat(since.body()).isEqualTo("{\"error\":{\"code\":\"admin_bad_request\",\"message\":\"parameter since:"
        + " expected a duration like 10m, 2h, 1d or epoch milliseconds, got 'yesterday'\"}}");
    assertThat(call("GET", "/__cairn/invocations?status=weird", TOKEN, null).body()).contains("parameter status:");
    assertThat(call("GET", "/__cairn/invocations?limit=0", TOKEN, null).body()).contains("parameter limit:");
    assertThat(call("POST", "/__cairn/replay", TOKEN, null).body()).contains("parameter service: required");
    assertThat(call("POST", "/__cairn/invocations/inv-a/replay", TOKEN, "{\"code\":3}").body()).contains("parameter code:");
    assertThat(call("POST", "/__cairn/invocations/inv-a/replay", TOKEN, "{nope").body()).contains("parameter body: not JSON");
    assertThat(call("DELETE", "/__cairn/invocations", TOKEN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void inspectAnswersSummaryAndTimeline() throws Exception {
    HttpResponse<String> res = call("GET", "/__cairn/invocations/inv-a", TOKEN, null);
    assertThat(res.statusCode()).isEqualTo(200);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body());
    assertThat(doc.path("summary").path("invocationId").asText()).isEqualTo("inv-a");
    assertThat(doc.path("timeline")).hasSize(4);
    assertThat(doc.path("timeline").get(3).path("description").asText()).isEqualTo("200 {\"sum\":5}");
    assertThat(doc.has("error")).isFalse();
  }

  @Test
  void anUnknownInvocationIs404() throws Exception {
    HttpResponse<String> res = call("GET", "/__cairn/invocations/nope", TOKEN, null);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).isEqualTo("{\"error\":{\"code\":\"invocation_not_found\",\"message\":"
        + "\"no recorded invocation nope (list them with cairn invocations)\"}}");
    assertThat(call("POST", "/__cairn/invocations/nope/replay", TOKEN, null).statusCode()).isEqualTo(404);
    assertThat(replays).isEmpty();
  }

  @Test
  void aCorruptStoredEntryIsReportedWhereItIs() throws Exception {
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call("GET", "/__cairn/invocations/inv-bad", TOKEN, null).body());
    assertThat(doc.path("timeline")).hasSize(2);
    assertThat(doc.path("error").path("code").asText()).isEqualTo("journal_corrupt");
    assertThat(doc.path("error").path("entryIndex").asInt()).isEqualTo(2);
  }

  @Test
  void replayAnswersTheReportsOfTheReplayService() throws Exception {
    HttpResponse<String> one = call("POST", "/__cairn/invocations/inv-a/replay", TOKEN, "{\"code\":\"" + dir + "\"}");
    assertThat(one.body()).isEqualTo("{\"invocationId\":\"inv-a\",\"identical\":false,\"entryIndex\":1,"
        + "\"recorded\":\"service.rpc adder.add [2,3]\",\"actual\":\"service.rpc adder.add [2,4]\","
        + "\"jsStack\":\"at fetch (src/api.js:5:20)\",\"error\":\"\",\"note\":\"\"}");
    HttpResponse<String> all = call("POST", "/__cairn/replay?service=api&limit=7", TOKEN, null);
    assertThat(all.body()).endsWith("\"counts\":{\"replayed\":2,\"identical\":1,\"diverged\":0,\"errors\":1}}");
    assertThat(replays).containsExactly("inv-a " + dir, "all api - 7");
  }

  static List<String> ids(String body) throws Exception {
    List<String> out = new ArrayList<>();
    for (var n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("invocations")) {
      out.add(n.path("invocationId").asText());
    }
    return out;
  }
}
