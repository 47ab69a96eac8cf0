package dev.cairn.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.Outcome;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every host call of an invocation lands in its journal, in the order its results reached the handler. */
class RecordingTest {
  @TempDir Path dir;

  @Test
  void aRequestIsJournaledWithItsHostCallsAndOutput() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: rec
        services:
          api: { module: api.js, routes: ["/x"], bindings: { ADDER: { service: adder } } }
          adder: { module: adder.js, record: none }
          quiet: { module: adder.js, routes: ["/quiet"], record: errors }
        """);
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request, env) {
            console.log("start", Math.random() < 2);
            const [a, b] = await Promise.all([env.ADDER.add(1, 2), env.ADDER.add(3, 4)]);
            await new Promise((r) => setTimeout(r, 5));
            return Response.json({ a, b, t: Date.now() });
          },
        };
        """);
    Files.writeString(dir.resolve("adder.js"), """
        import { WorkerEntrypoint } from "cloudflare:workers";
        export default class extends WorkerEntrypoint {
          async add(x, y) { return x + y; }
          fetch() { return new Response("quiet"); }
        }
        """);
    try (CairnServer server = CairnServer.start(ServerOptions.of(dir, 0, false));
         HttpClient http = HttpClient.newHttpClient()) {
      var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/x?y=1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/quiet")).build(),
          HttpResponse.BodyHandlers.ofString());
      String id = response.headers().firstValue("cairn-invocation-id").orElseThrow();

      JournalStore store = server.journals();
      List<byte[]> stored = List.of();
      for (int i = 0; i < 200 && stored.isEmpty(); i++) {
        Thread.sleep(10);
        stored = store.read(id);
      }
      Journal journal = Journal.fromEncoded(stored);
      JournalEntry.Started started = journal.started();
      assertThat(started.target()).isEqualTo("api");
      assertThat(started.kind()).isEqualTo("fetch");
      assertThat(new String(started.input().toArray(), StandardCharsets.UTF_8))
          .startsWith("{\"method\":\"GET\",\"url\":\"http://127.0.0.1:" + server.port() + "/x?y=1\",\"headers\":[");
      assertThat(started.codeVersion()).matches("[0-9a-f]{16}");

      // log (seq 0), two RPCs issued as 1 and 2 (completing in either order), then the timer (seq 3)
      assertThat(journal.hostCalls()).extracting(JournalEntry.HostCall::op)
          .containsExactly("log", "service.rpc", "service.rpc", "timer");
      assertThat(journal.hostCalls().get(0).seq()).isEqualTo(0);
      assertThat(journal.hostCalls().subList(1, 3)).extracting(JournalEntry.HostCall::seq).containsExactlyInAnyOrder(1, 2);
      assertThat(journal.hostCalls().get(3).seq()).isEqualTo(3);
      assertThat(text(journal.hostCalls().get(0).args())).isEqualTo("{\"level\":\"log\",\"text\":\"start true\"}");
      assertThat(journal.hostCalls().get(1).outcome()).isInstanceOf(Outcome.Value.class);

      var end = (JournalEntry.Completed) journal.outcome().orElseThrow();
      String output = text(end.output());
      assertThat(output).startsWith("{\"status\":200,\"headers\":[[\"content-type\",\"application/json\"]],\"body\":\"{\\\"a\\\":3,\\\"b\\\":7,\\\"t\\\":");
      // Date.now() after the timer is exactly the timer's journaled completion time
      var timer = journal.hostCalls().get(3);
      assertThat(output).contains("\\\"t\\\":" + (timer.startMs() + timer.durationUs() / 1000) + "}");

      var summaries = store.list(new JournalStore.Query(Optional.empty(), Optional.empty(), 0, 100));
      // adder records nothing (record: none), quiet only errors: only api's invocation is kept
      assertThat(summaries).extracting(JournalStore.InvocationSummary::target).containsExactly("api");
      assertThat(summaries.getFirst().status()).isEqualTo(JournalStore.Status.COMPLETED);
    }
  }

  @Test
  void aJournalLongerThanOneStoreTransactionIsKeptAndTheServiceGoesOn() throws Exception {
    // 5,000 console lines: more entries than the store commits at once (batchEntriesMax 4,096).
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: rec
        services:
          api: { module: api.js, limits: { concurrentInvocationsMax: 2 } }
        """);
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request) {
            for (let i = 0; i < 5000; i++) console.log("line", i);
            return new Response("ok");
          },
        };
        """);
    try (CairnServer server = CairnServer.start(ServerOptions.of(dir, 0, false));
         HttpClient http = HttpClient.newHttpClient()) {
      String id = null;
      for (int i = 0; i < 5; i++) { // more requests than slots: a leaked slot would turn these into 503s
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        id = response.headers().firstValue("cairn-invocation-id").orElseThrow();
      }
      List<byte[]> stored = List.of();
      for (int i = 0; i < 300 && stored.isEmpty(); i++) {
        Thread.sleep(10);
        stored = server.journals().read(id);
      }
      Journal journal = Journal.fromEncoded(stored);
      assertThat(journal.size()).isEqualTo(5_002);
      assertThat(server.journals().summary(id).orElseThrow().entryCount()).isEqualTo(5_002);
      assertThat(server.replays().replay(id, Optional.empty()).identical()).isTrue();
    }
  }

  @Test
  void aSamplePolicyKeepsTheFractionItsSeedsSelectAndEveryFailure() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: rec
        services:
          api: { module: api.js, record: { sample: 0.25 } }
        """);
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request) {
            if (new URL(request.url).pathname === "/fail") throw new Error("always kept");
            return new Response("ok");
          },
        };
        """);
    int requests = 400;
    int failures = 20;
    try (CairnServer server = CairnServer.start(ServerOptions.of(dir, 0, false));
         HttpClient http = HttpClient.newHttpClient()) {
      for (int i = 0; i < requests + failures; i++) {
        String path = i < requests ? "/ok" : "/fail";
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      JournalStore store = server.journals();
      List<JournalStore.InvocationSummary> kept = List.of();
      for (int i = 0; i < 300; i++) { // journals are stored after the responses: wait for the failures, kept last
        kept = store.list(JournalStore.Query.since(0, 10_000));
        if (kept.stream().filter(k -> k.status() == JournalStore.Status.FAILED).count() == failures) break;
        Thread.sleep(10);
      }
      long failed = kept.stream().filter(k -> k.status() == JournalStore.Status.FAILED).count();
      long sampled = kept.size() - failed;
      assertThat(failed).isEqualTo(failures);
      // 400 draws at 0.25: 100 expected, sd ~8.7; outside 50..150 only if sampling is broken
      assertThat(sampled).isBetween(50L, 150L);
      // and it is the seed that decides, so a replay of the same seed decides the same way
      for (var s : kept) {
        if (s.status() == JournalStore.Status.FAILED) continue;
        long seed = Journal.fromEncoded(store.read(s.invocationId())).started().seed();
        assertThat(new dev.cairn.core.manifest.RecordPolicy.Sample(0.25).keeps(false, seed)).isTrue();
      }
    }
  }

  private static String text(dev.cairn.core.journal.Bytes bytes) {
    return new String(bytes.toArray(), StandardCharsets.UTF_8);
  }
}
