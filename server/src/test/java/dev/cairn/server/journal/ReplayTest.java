package dev.cairn.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded invocations replay identically; changed code is caught at the first divergence. */
class ReplayTest {
  @TempDir static Path dir;
  @TempDir static Path other;
  static CairnServer server;
  static String rpcRequest;
  static String failingRequest;
  static String bigBodyRequest;

  static final String MANIFEST = """
      app: replay
      services:
        api: { module: api.js, routes: ["/*"], bindings: { ADDER: { service: adder } } }
        adder: { module: adder.js }
      """;
  static final String API = """
      export default {
        async fetch(request, env) {
          const path = new URL(request.url).pathname;
          if (path === "/boom") throw new Error("boom at " + Date.now());
          if (Date.now() > 0) console.log("time", "positive");
          const [a, b] = await Promise.all([env.ADDER.add(1, 2), env.ADDER.add(3, 4)]);
          console.log("sum", a + b);
          await new Promise((r) => setTimeout(r, 3));
          const words = await (await fetch("http://adder/words")).text();
          return Response.json({ a, b, words, t: Date.now(), p: performance.now(), r: Math.random(), id: crypto.randomUUID() });
        },
      };
      """;
  static final String ADDER = """
      import { WorkerEntrypoint } from "cloudflare:workers";
      export default class extends WorkerEntrypoint {
        async add(x, y) { return x + y; }
        fetch() { return new Response("two words"); }
      }
      """;

  @BeforeAll
  static void record() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), MANIFEST);
    Files.writeString(dir.resolve("api.js"), API);
    Files.writeString(dir.resolve("adder.js"), ADDER);
    server = CairnServer.start(ServerOptions.of(dir, 0, false));
    rpcRequest = get("/sum");
    failingRequest = get("/boom");
    try (HttpClient http = HttpClient.newHttpClient()) {
      bigBodyRequest = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/sum"))
              .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(),
          HttpResponse.BodyHandlers.ofString()).headers().firstValue("cairn-invocation-id").orElseThrow();
    }
    for (int i = 0; i < 200 && (server.journals().read(rpcRequest).isEmpty() || server.journals().read(failingRequest).isEmpty()
        || server.journals().read(bigBodyRequest).isEmpty()); i++) {
      Thread.sleep(10);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String get(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).headers().firstValue("cairn-invocation-id").orElseThrow();
    }
  }

  private static Path otherCode(String api) throws Exception {
    Files.writeString(other.resolve("cairn.yaml"), MANIFEST);
    Files.writeString(other.resolve("adder.js"), ADDER);
    Files.writeString(other.resolve("api.js"), api);
    return other;
  }

  @Test
  void replayOfTheSameCodeIsIdenticalIncludingTimeRandomnessAndConcurrency() {
    ReplayReport report = server.replays().replay(rpcRequest, Optional.empty());
    assertThat(report.error()).isEmpty();
    assertThat(report.identical()).as(report.toString()).isTrue();
    assertThat(server.replays().replay(failingRequest, Optional.empty()).identical()).isTrue();
  }

  @Test
  void aChangedArgumentIsTheDivergenceWithBothSidesAndTheStack() throws Exception {
    ReplayReport report = server.replays().replay(rpcRequest, Optional.of(otherCode(API.replace("add(3, 4)", "add(3, 5)"))));
    assertThat(report.identical()).isFalse();
    assertThat(report.recorded()).contains("service.rpc").contains("\"method\":\"add\"");
    assertThat(report.actual()).contains("service.rpc");
    assertThat(report.recorded()).isNotEqualTo(report.actual());
    assertThat(report.jsStack()).contains("api.js");
  }

  @Test
  void anAddedCallAndARemovedCallAreDivergences() throws Exception {
    ReplayReport added = server.replays().replay(rpcRequest,
        Optional.of(otherCode(API.replace("console.log(\"sum\", a + b);", "console.log(\"sum\", a + b); console.log(\"extra\");"))));
    assertThat(added.identical()).isFalse();
    assertThat(added.actual()).contains("log").contains("extra");
    // a console call that diverges shows where it was made, too
    assertThat(added.jsStack()).contains("api.js");

    ReplayReport removed = server.replays().replay(rpcRequest,
        Optional.of(otherCode(API.replace("console.log(\"sum\", a + b);", ""))));
    assertThat(removed.identical()).isFalse();
    assertThat(removed.recorded()).contains("log").contains("sum 10");
  }

  @Test
  void aDifferentOutputIsADivergenceAtTheEnd() throws Exception {
    ReplayReport report = server.replays().replay(rpcRequest, Optional.of(otherCode(API.replace("{ a, b, words,", "{ b, a, words,"))));
    assertThat(report.identical()).isFalse();
    assertThat(report.recorded()).startsWith("output {\"status\":200");
    assertThat(report.actual()).startsWith("output {\"status\":200");
  }

  @Test
  void branchingOnTimeDifferentlyIsCaught() throws Exception {
    // Date.now() replays as recorded, so a flipped comparison takes the other branch: the log goes missing.
    ReplayReport report = server.replays().replay(rpcRequest,
        Optional.of(otherCode(API.replace("if (Date.now() > 0)", "if (Date.now() <= 0)"))));
    assertThat(report.identical()).isFalse();
    assertThat(report.recorded()).contains("log").contains("time positive");
    assertThat(report.actual()).contains("service.rpc");
  }

  @Test
  void replayingWithoutCodeOnChangedFilesSaysSo() throws Exception {
    assertThat(server.replays().replay(rpcRequest, Optional.empty()).note()).isEmpty();
    Path edited = dir.resolve("notes.txt");
    Files.writeString(edited, "a file added after the recording changes the code version");
    try {
      ReplayReport report = server.replays().replay(rpcRequest, Optional.empty());
      assertThat(report.identical()).isTrue();
      assertThat(report.note()).contains("recorded on version");
    } finally {
      Files.delete(edited);
    }
  }

  @Test
  void badInputGetsSpecificErrors() throws Exception {
    assertThat(server.replays().replay("nope", Optional.empty()).error()).startsWith("invocation_not_found:");
    // a body longer than the journal keeps cannot be replayed exactly: said so, not a false divergence
    assertThat(server.replays().replay(bigBodyRequest, Optional.empty()).error())
        .startsWith("journal_body_truncated:").contains("100000");
    Path gone = Files.createTempDirectory("cairn-gone");
    Files.writeString(gone.resolve("cairn.yaml"), "app: replay\nservices:\n  other: { module: x.js }\n");
    Files.writeString(gone.resolve("x.js"), "export default { fetch() { return new Response('x'); } };");
    assertThat(server.replays().replay(rpcRequest, Optional.of(gone)).error()).startsWith("module_not_found:").contains("api");

    Path deleted = otherCode(API);
    Files.delete(deleted.resolve("api.js")); // the service is still in the manifest, its module file is gone
    assertThat(server.replays().replay(rpcRequest, Optional.of(deleted)).error()).startsWith("manifest_unresolved:")
        .contains("module file not found").contains("api.js");
  }
}
