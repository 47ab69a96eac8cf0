package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.spi.JournalStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable entities as a user sees them over HTTP: durability, gates, re-entrancy, eviction, alarms, journal. */
class EntitiesTest {
  @TempDir Path dir;

  static final String API = """
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const [, ns, name, method] = url.pathname.split("/");
          const binding = env[ns];
          const stub = binding.get(binding.idFromName(name));
          if (method) {
            const result = await stub[method](...JSON.parse(url.searchParams.get("args") || "[]"));
            return Response.json(result instanceof Map ? { map: [...result.entries()] } : result);
          }
          return stub.fetch(request);
        },
      };
      """;

  static final String ENTITIES = """
      import { DurableObject } from "cloudflare:workers";

      // The modern style: extends DurableObject, this.ctx and this.env.
      export class Counter extends DurableObject {
        async fetch(request) {
          const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
          // a read the cache cannot answer: the input gate must keep other events out meanwhile
          await this.ctx.storage.get("cold-" + n);
          await this.ctx.storage.put("n", n);
          return new Response(String(n));
        }
        async add(values) { return new Map(values.map((v) => [v, v * 2])); }
      }

      // The classic style: constructor(state, env) and state.storage.
      export class Classic {
        constructor(state, env) {
          this.state = state;
          this.loaded = null;
          state.blockConcurrencyWhile(async () => {
            const constructions = ((await state.storage.get("constructions")) ?? 0) + 1;
            await state.storage.put("constructions", constructions);
            this.loaded = constructions;
          });
        }
        async fetch(request) {
          const hits = ((await this.state.storage.get("hits")) ?? 0) + 1;
          await this.state.storage.put("hits", hits);
          return Response.json({ hits, constructions: this.loaded });
        }
      }

      // A calls B, which calls A back while A waits: the input gate is open at that await.
      export class Ping extends DurableObject {
        async ping(depth) {
          if (depth === 0) return "pong";
          const other = this.env.PING.get(this.env.PING.idFromName(this.ctx.id.name === "a" ? "b" : "a"));
          return (await other.ping(depth - 1)) + "<" + this.ctx.id.name;
        }
      }

      export class Alarmed extends DurableObject {
        async arm(inMs, fail) {
          await this.ctx.storage.put("fail", fail);
          await this.ctx.storage.setAlarm(Date.now() + inMs);
          return "armed";
        }
        async state() {
          return { attempts: (await this.ctx.storage.get("attempts")) ?? 0, alarm: await this.ctx.storage.getAlarm(),
            retries: (await this.ctx.storage.get("retries")) ?? [] };
        }
        async alarm(info) {
          await this.ctx.storage.put("attempts", ((await this.ctx.storage.get("attempts")) ?? 0) + 1);
          await this.ctx.storage.put("retries", [...((await this.ctx.storage.get("retries")) ?? []), info.retryCount]);
          if (await this.ctx.storage.get("fail")) throw new Error("alarm handler failed on purpose");
        }
      }

      export class Spinner extends DurableObject {
        async spin() { while (true) {} }
        async ok() { return "still here"; }
        // CPU spread over many tasks inside a transaction: stopped at its limit between two of them
        async burnInTransaction() {
          await this.ctx.storage.put("before", "kept");
          await this.ctx.storage.transaction(async (txn) => {
            await txn.put("inside", "half-done");
            let x = 0;
            for (;;) {
              await new Promise((r) => setTimeout(r, 0));
              for (let j = 0; j < 20000; j++) x += j % 7;
            }
          });
        }
        // stopped by the watchdog in the event's first task, inside the transaction
        async spinInTransaction() {
          await this.ctx.storage.transaction(async (txn) => {
            txn.put("inside", "half-done");
            while (true) {}
          });
        }
        async look() { return [(await this.ctx.storage.get("before")) ?? null, (await this.ctx.storage.get("inside")) ?? null]; }
      }
      """;

  static final String MANIFEST = """
      app: entities
      services:
        api: { module: api.js, bindings: { C: { entity: Counter }, K: { entity: Classic }, P: { entity: Ping },
                                          A: { entity: Alarmed }, S: { entity: Spinner } } }
      entities:
        Counter: { module: entities.js, class: Counter }
        Classic: { module: entities.js, class: Classic, instances: { idleMs: 200 } }
        Ping: { module: entities.js, class: Ping, bindings: { PING: { entity: Ping } } }
        Alarmed: { module: entities.js, class: Alarmed, instances: { alarmRetriesMax: 2, alarmRetryBaseMs: 50 } }
        Spinner: { module: entities.js, class: Spinner, limits: { cpuTimeMs: 100 } }
      """;

  private TestApp start() {
    return TestApp.start(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", API, "entities.js", ENTITIES));
  }

  @Test
  void concurrentEventsOfOneEntityNeverLoseAnUpdateAndSurviveARestart() throws Exception {
    int n = 40;
    try (TestApp app = start()) {
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(app.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/C/page"))).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      List<Integer> seen = new ArrayList<>();
      for (var f : all) seen.add(Integer.parseInt(f.get().body()));
      // each event saw the one before it: 1..n, each exactly once
      assertThat(seen).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
    }
    try (TestApp again = start()) {
      assertThat(again.get("/C/page").body()).isEqualTo(String.valueOf(n + 1));
      assertThat(again.get("/C/other").body()).isEqualTo("1");
    }
  }

  @Test
  void rpcArgumentsAndResultsAreStructuredClones() {
    try (TestApp app = start()) {
      // the entity answers a Map: it arrives as a Map (JSON could not carry it)
      var r = app.get("/C/x/add?args=" + java.net.URLEncoder.encode("[[1,2,3]]", java.nio.charset.StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"map\":[[1,2],[2,4],[3,6]]}");
    }
  }

  @Test
  void theClassicStyleWorksAndBlockConcurrencyWhileRunsBeforeTheFirstEvent() throws Exception {
    try (TestApp app = start()) {
      assertThat(app.get("/K/one").body()).isEqualTo("{\"hits\":1,\"constructions\":1}");
      assertThat(app.get("/K/one").body()).isEqualTo("{\"hits\":2,\"constructions\":1}");
      var classic = app.server.appRuntime().entity("Classic").orElseThrow();
      // idle for longer than idleMs: evicted, holding nothing but its rows
      for (int i = 0; i < 100 && classic.liveInstances() > 0; i++) Thread.sleep(20);
      assertThat(classic.liveInstances()).isZero();
      assertThat(classic.cachedBytes()).isZero();
      // re-created transparently: a new construction, the storage intact
      assertThat(app.get("/K/one").body()).isEqualTo("{\"hits\":3,\"constructions\":2}");
    }
  }

  @Test
  void anEntityCallingAnEntityThatCallsItBackDoesNotDeadlock() {
    try (TestApp app = start()) {
      var r = app.get("/P/a/ping?args=%5B3%5D");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("\"pong<a<b<a\""); // a(3) -> b(2) -> a(1) -> b(0), each adding its name on the way back
    }
  }

  @Test
  void alarmsFireAfterTheirTimeAreRetriedWithBackoffAndThenDropped() throws Exception {
    try (TestApp app = start()) {
      assertThat(app.get("/A/ok/arm?args=%5B150,false%5D").body()).isEqualTo("\"armed\"");
      assertThat(app.get("/A/past/arm?args=%5B-60000,false%5D").body()).isEqualTo("\"armed\"");
      assertThat(app.get("/A/bad/arm?args=%5B0,true%5D").body()).isEqualTo("\"armed\"");
      String ok = waitFor(app, "/A/ok/state", "\"attempts\":1");
      assertThat(ok).contains("\"alarm\":null"); // cleared once it ran
      waitFor(app, "/A/past/state", "\"attempts\":1"); // an alarm set in the past fires promptly
      // fails every time: the first run and alarmRetriesMax (2) retries, then it is dropped
      String bad = waitFor(app, "/A/bad/state", "\"attempts\":3");
      assertThat(bad).contains("\"retries\":[0,1,2]");
      waitFor(app, "/A/bad/state", "\"alarm\":null");
      Thread.sleep(300);
      assertThat(app.get("/A/bad/state").body()).contains("\"attempts\":3");
    }
  }

  @Test
  void anAlarmDueWhileTheNodeWasDownFiresAfterTheRestart() throws Exception {
    try (TestApp app = start()) {
      assertThat(app.get("/A/later/arm?args=%5B1500,false%5D").body()).isEqualTo("\"armed\"");
      assertThat(app.get("/A/later/state").body()).contains("\"attempts\":0");
    }
    Thread.sleep(1_600);
    try (TestApp again = start()) {
      waitFor(again, "/A/later/state", "\"attempts\":1");
    }
  }

  @Test
  void anEntityStuckInALoopIsStoppedAndTheNodeKeepsServing() {
    try (TestApp app = start()) {
      var stuck = app.get("/S/x/spin");
      assertThat(stuck.statusCode()).isEqualTo(503);
      assertThat(stuck.body()).contains("cpu_time_exceeded");
      assertThat(app.get("/S/y/ok").body()).isEqualTo("\"still here\"");
      assertThat(app.get("/C/z").body()).isEqualTo("1");
    }
  }

  @Test
  void anEntityStoppedInsideATransactionIsResetAndServesTheNextEvent() throws Exception {
    try (TestApp app = start()) {
      var stoppedLater = app.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/S/tx/burnInTransaction"))).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(150); // it is inside its transaction now: the next event queues behind the shut gate
      var queued = app.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/S/tx/look"))).build(),
          HttpResponse.BodyHandlers.ofString());
      var stopped = stoppedLater.get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(stopped.statusCode()).isEqualTo(503);
      assertThat(stopped.body()).contains("cpu_time_exceeded");
      // Before the reset the gate stayed shut: this waited for the 30 s wall-time limit and failed.
      var after = queued.get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).as("the write before the transaction kept, the transaction's rolled back").isEqualTo("[\"kept\",null]");
      assertThat(app.get("/S/tx/look").body()).isEqualTo("[\"kept\",null]");

      // Stopped in the event's first task (the watchdog's interrupt), inside its transaction.
      var spun = app.get("/S/tx2/spinInTransaction");
      assertThat(spun.statusCode()).isEqualTo(503);
      assertThat(spun.body()).contains("cpu_time_exceeded");
      var next = app.get("/S/tx2/look");
      assertThat(next.statusCode()).isEqualTo(200);
      assertThat(next.body()).isEqualTo("[null,null]");
    }
  }

  @Test
  void everyEventIsJournaledWithItsStorageCallsAndReplaysIdentically() throws Exception {
    try (TestApp app = start()) {
      app.get("/C/journaled");
      app.get("/C/journaled");
      JournalStore store = app.server.journals();
      List<JournalStore.InvocationSummary> events = List.of();
      for (int i = 0; i < 200 && events.size() < 2; i++) {
        Thread.sleep(10);
        events = store.list(JournalStore.Query.since(0, 100).withTarget("Counter"));
      }
      assertThat(events).hasSize(2);
      for (var e : events) {
        assertThat(e.kind()).isEqualTo("entity.fetch");
        Journal j = Journal.fromEncoded(store.read(e.invocationId()));
        assertThat(j.hostCalls()).extracting(JournalEntry.HostCall::op).containsExactly("storage.get", "storage.get", "storage.put");
        var report = app.server.replays().replay(e.invocationId(), Optional.empty());
        assertThat(report.identical()).as(report.toString()).isTrue();
      }
    }
  }

  /** Polls {@code path} until its body contains {@code part}; returns the body. */
  private static String waitFor(TestApp app, String path, String part) throws InterruptedException {
    String body = "";
    for (int i = 0; i < 250; i++) {
      body = app.get(path).body();
      if (body.contains(part)) return body;
      Thread.sleep(20);
    }
    throw new AssertionError(path + " never showed " + part + "; last: " + body);
  }
}
