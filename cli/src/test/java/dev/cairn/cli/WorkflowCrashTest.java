package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows under crashes, with real {@code cairn serve} processes: a sweep that halts the node at
 * every journal-append boundary of a workflow in turn ({@code cairn.fault.haltAfterJournalAppends}),
 * and a run of many workflows under SIGKILLs at seeded random moments. After the restarts every
 * workflow completes exactly once with the right output, every step's result is journaled exactly
 * once, and the sink that receives each step's side effect with an idempotency key has, after
 * dedup, every key and nothing else. The seed is printed; {@code -Dcairn.crash.seed=N} repeats a run.
 *
 * <p>The suite runs a shorter version (docs/testing.md): the sweep visits every
 * {@code cairn.wfcrash.stride}-th boundary (default: four of them, first and last included; 1 visits
 * every one), and the kills run {@code cairn.wfcrash.workflows} (20) workflows through
 * {@code cairn.wfcrash.rounds} (3) kills.
 */
class WorkflowCrashTest {
  static final Pattern URL = Pattern.compile("\"url\":\"(http://[^\"]+)\"");
  static final List<String> STEPS = List.of("s1", "s2", "s3", "s4");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  @Test
  void aCrashAtEveryJournalAppendOfAWorkflowLosesAndDoublesNothing() throws Exception {
    Path dir = writeApp(root.resolve("sweep"));
    // how many appends one workflow makes, from a run without faults
    try (ServeProcess s = ServeProcess.start(dir)) {
      drive(s, "probe");
    }
    int appends = journalOf(dir, "probe").size(); // Started and every entry after it: one append each
    assertThat(appends).isGreaterThan(6);
    Integer stride = Integer.getInteger("cairn.wfcrash.stride");
    java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
    if (stride != null) {
      for (int n = 1; n <= appends; n += stride) chosen.add(n);
    } else {
      chosen.addAll(List.of(1, Math.max(1, appends / 3), Math.max(1, 2 * appends / 3)));
    }
    chosen.add(appends);
    List<Integer> points = List.copyOf(chosen);
    System.out.println("WorkflowCrashTest: a workflow makes " + appends + " journal appends; halting after " + points);
    for (int n : points) {
      String id = "w" + n;
      try (ServeProcess s = ServeProcess.start(dir, "-Dcairn.fault.haltAfterJournalAppends=" + n)) {
        // the node halts after its n-th append (counting from this start): somewhere inside this workflow
        try {
          drive(s, id);
        } catch (Exception expected) {
          // the process went away under the request
        }
        s.process.waitFor(20, TimeUnit.SECONDS);
      }
      try (ServeProcess s = ServeProcess.start(dir)) {
        resumeAndFinish(s, id);
      }
      checkExactlyOnce(dir, List.of(id), "halt after append " + n);
    }
  }

  @Test
  void manyWorkflowsUnderRandomKillsEachCompleteExactlyOnce() throws Exception {
    long seed = Long.getLong("cairn.crash.seed", new Random().nextLong());
    int workflows = Integer.getInteger("cairn.wfcrash.workflows", 20);
    int rounds = Integer.getInteger("cairn.wfcrash.rounds", 3);
    String why = "seed " + seed + " (rerun with -Dcairn.crash.seed=" + seed + ")";
    System.out.println("WorkflowCrashTest: " + why + ", " + workflows + " workflows, " + rounds + " kills");
    Random random = new Random(seed);
    Path dir = writeApp(root.resolve("kills"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < workflows; i++) ids.add("k" + i);
    for (int round = 0; round < rounds; round++) {
      try (ServeProcess s = ServeProcess.start(dir)) {
        long clientSeed = random.nextLong();
        Thread driver = Thread.ofPlatform().start(() -> {
          Random r = new Random(clientSeed);
          try (HttpClient http = client()) {
            for (int i = 0; i < 200; i++) {
              String id = ids.get(r.nextInt(ids.size()));
              post(http, s.url + "/start/" + id);
              post(http, s.url + "/approve/" + id);
            }
          } catch (Exception e) {
            // killed under us
          }
        });
        Thread.sleep(500 + random.nextInt(2_000));
        s.kill();
        driver.join(20_000);
      }
    }
    try (ServeProcess s = ServeProcess.start(dir)) {
      for (String id : ids) resumeAndFinish(s, id);
    }
    checkExactlyOnce(dir, ids, why);
  }

  // ---- driving and checking

  /** Starts {@code id} and approves it (each call may fail if the node dies). */
  private static void drive(ServeProcess s, String id) throws Exception {
    try (HttpClient http = client()) {
      post(http, s.url + "/start/" + id);
      post(http, s.url + "/approve/" + id);
      waitComplete(http, s.url, id);
    }
  }

  /** After the last restart: (re)start and approve where needed (both idempotent here), then wait for completion. */
  private static void resumeAndFinish(ServeProcess s, String id) throws Exception {
    try (HttpClient http = client()) {
      post(http, s.url + "/start/" + id);
      post(http, s.url + "/approve/" + id);
      waitComplete(http, s.url, id);
    }
  }

  private static void waitComplete(HttpClient http, String url, String id) throws Exception {
    String body = "";
    for (int i = 0; i < 1_500; i++) {
      body = http.send(HttpRequest.newBuilder(URI.create(url + "/status/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (body.contains("\"status\":\"complete\"")) {
        assertThat(body).contains("\"output\":\"" + id + ":1+2+3+approved\"");
        return;
      }
      if (body.contains("\"status\":\"errored\"")) throw new AssertionError(id + " errored: " + body);
      Thread.sleep(20);
    }
    throw new AssertionError(id + " did not complete: " + body);
  }

  private static void checkExactlyOnce(Path dir, List<String> ids, String why) throws Exception {
    Set<String> expected = new HashSet<>();
    for (String id : ids) {
      for (String step : STEPS) expected.add(id + "/" + step);
      Journal journal = journalOf(dir, id);
      assertThat(journal.outcome()).as("%s completed; %s", id, why).get().isInstanceOf(JournalEntry.Completed.class);
      Map<String, Integer> steps = new HashMap<>();
      for (JournalEntry.HostCall call : journal.hostCalls()) {
        if (call.op().equals("step.do")) {
          String name = JSON.readTree(call.args().toArray()).path("name").asText();
          steps.merge(name, 1, Integer::sum);
        }
      }
      for (String step : STEPS) {
        assertThat(steps.getOrDefault(step, 0)).as("%s: %s journaled once; %s", id, step, why).isEqualTo(1);
      }
    }
    // the sink: each side effect arrived at least once; deduplicated by its key, exactly the expected ones
    Map<String, Integer> keys = sinkKeys(dir);
    Set<String> ours = new HashSet<>(keys.keySet());
    ours.removeIf(k -> ids.stream().noneMatch(id -> k.startsWith(id + "/")));
    assertThat(ours).as("sink keys after dedup; %s", why).isEqualTo(expected);
    for (String k : ours) assertThat(keys.get(k)).as("%s delivered at least once", k).isGreaterThanOrEqualTo(1);
  }

  /** The sink entity's keys and delivery counts, read from the app's entity file while no node runs. */
  private static Map<String, Integer> sinkKeys(Path dir) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    try (ThreadScheduler scheduler = new ThreadScheduler();
        var store = dev.cairn.store.entity.SqliteEntityStore.open(dir.resolve(".cairn/entities.db"), scheduler)) {
      var sink = new dev.cairn.core.entity.EntityAddress("Sink", dev.cairn.core.entity.EntityIds.fromName("Sink", "all"));
      for (var e : store.list(sink, dev.cairn.core.entity.ListOptions.ALL).entrySet()) {
        // values are structured-clone text: "J" + JSON
        out.put(e.getKey(), Integer.parseInt(new String(e.getValue(), StandardCharsets.UTF_8).substring(1)));
      }
    }
    return out;
  }

  /** The journal of instance {@code id}, read from the app's journal file while no node runs. */
  private static Journal journalOf(Path dir, String id) throws Exception {
    try (ThreadScheduler scheduler = new ThreadScheduler();
        SqliteJournalStore store = SqliteJournalStore.open(dir.resolve(".cairn/journal.db"), scheduler)) {
      for (var s : store.list(JournalStore.Query.since(0, 10_000).withTarget("Flow"))) {
        Journal j = Journal.fromEncoded(store.read(s.invocationId()));
        if (JSON.readTree(j.started().input().toArray()).path("instanceId").asText().equals(id)) return j;
      }
    }
    throw new AssertionError("no journal for " + id);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  private static void post(HttpClient http, String url) throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path writeApp(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: wfcrash
        services:
          api: { module: api.js, bindings: { FLOW: { workflow: Flow }, SINK: { entity: Sink } } }
        entities:
          Sink: { module: sink.js, class: Sink }
        workflows:
          Flow: { module: flow.js, class: Flow, bindings: { SINK: { entity: Sink } } }
        """);
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request, env) {
            const [, op, id] = new URL(request.url).pathname.split("/");
            const sink = env.SINK.get(env.SINK.idFromName("all"));
            if (op === "sink") return Response.json(await sink.keys());
            try {
              if (op === "start") { await env.FLOW.create({ id }); return new Response("started"); }
              const instance = await env.FLOW.get(id);
              if (op === "approve") { await instance.sendEvent({ type: "approve", payload: "approved" }); return new Response("sent"); }
              return Response.json(await instance.status());
            } catch (e) {
              return Response.json({ error: e.cairnCode, message: e.message }, { status: 409 });
            }
          },
        };
        """);
    Files.writeString(dir.resolve("sink.js"), """
        import { DurableObject } from "cloudflare:workers";
        // Receives side effects with an idempotency key; counts deliveries per key.
        export class Sink extends DurableObject {
          async record(key) { await this.ctx.storage.put(key, ((await this.ctx.storage.get(key)) ?? 0) + 1); return true; }
          async keys() { return Object.fromEntries(await this.ctx.storage.list()); }
        }
        """);
    Files.writeString(dir.resolve("flow.js"), """
        import { WorkflowEntrypoint } from "cloudflare:workers";
        export class Flow extends WorkflowEntrypoint {
          async run(event, step) {
            const sink = this.env.SINK.get(this.env.SINK.idFromName("all"));
            const effect = (name, value) => step.do(name, async () => { await sink.record(event.instanceId + "/" + name); return value; });
            const a = await effect("s1", 1);
            const b = await effect("s2", 2);
            const c = await effect("s3", 3);
            const ev = await step.waitForEvent("approval", { type: "approve", timeout: "1 hour" });
            return await effect("s4", event.instanceId + ":" + a + "+" + b + "+" + c + "+" + ev.payload);
          }
        }
        """);
    return dir;
  }
}
