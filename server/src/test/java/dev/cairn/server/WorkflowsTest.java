package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable workflows over HTTP: steps, waits, events, retries, parking and resume, restarts, control calls, bad input. */
class WorkflowsTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  static final String API = """
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const [, wf, action, id] = url.pathname.split("/");
          const binding = env[wf];
          const arg = url.searchParams.has("arg") ? JSON.parse(url.searchParams.get("arg")) : undefined;
          try {
            if (action === "create") return Response.json({ id: (await binding.create({ id, params: arg })).id });
            const instance = await binding.get(id);
            if (action === "status") return Response.json(await instance.status());
            if (action === "event") { await instance.sendEvent(arg); return Response.json({ sent: true }); }
            await instance[action]();
            return Response.json({ done: action });
          } catch (e) {
            return Response.json({ error: e.cairnCode || e.name, message: e.message }, { status: 400 });
          }
        },
      };
      """;

  static final String FLOWS = """
      import { WorkflowEntrypoint } from "cloudflare:workers";

      export class Approval extends WorkflowEntrypoint {
        async run(event, step) {
          const doc = await step.do("load", async () => ({ title: "doc " + event.payload.id }));
          const before = { r: Math.random(), t: Date.now() };   // outside any step: journaled, replayed on resume
          console.log("before", before.r);
          const votes = [];
          while (votes.filter((v) => v.ok).length < 2) {
            const ev = await step.waitForEvent("vote " + votes.length, { type: "vote", timeout: "10 minutes" });
            votes.push(ev.payload);
          }
          await step.sleep("cool-off", event.payload.coolOffMs ?? 10);
          return { approved: true, title: doc.title, votes, before, after: { r: Math.random(), t: Date.now() } };
        }
      }

      // fails its first `failures` attempts, then succeeds
      export class Flaky extends WorkflowEntrypoint {
        async run(event, step) {
          let attempts = 0;
          const value = await step.do("flaky", { retries: { limit: event.payload.limit, delay: 20, backoff: "exponential" } }, async () => {
            attempts++;
            if (attempts <= event.payload.failures) throw new Error("attempt " + attempts + " failed");
            return attempts;
          });
          return { value };
        }
      }

      export class Waits extends WorkflowEntrypoint {
        async run(event, step) {
          try {
            await step.waitForEvent("never", { type: "nothing", timeout: event.payload.timeout });
            return "got one";
          } catch (e) {
            return "timed out: " + (e.cairnCode || e.name);
          }
        }
      }

      // a step that takes a while, then a wait: an event sent during the step reaches the run as it parks
      export class StepThenWait extends WorkflowEntrypoint {
        async run(event, step) {
          await step.do("slow", async () => { await new Promise((r) => setTimeout(r, 50)); return 1; });
          const ev = await step.waitForEvent("go", { type: "go", timeout: "1 hour" });
          return ev.payload;
        }
      }

      export class Bad extends WorkflowEntrypoint {
        async run(event, step) {
          if (event.payload.what === "duration") await step.sleep("s", "3 fortnights");
          if (event.payload.what === "unserializable") await step.do("fn", async () => () => 1);
          return "unreachable";
        }
      }
      """;

  static final String MANIFEST = """
      app: flows
      services:
        api: { module: api.js, bindings: { A: { workflow: Approval }, F: { workflow: Flaky }, W: { workflow: Waits }, B: { workflow: Bad }, S: { workflow: StepThenWait } } }
      workflows:
        Approval: { module: flows.js, class: Approval }
        Flaky: { module: flows.js, class: Flaky }
        Waits: { module: flows.js, class: Waits }
        Bad: { module: flows.js, class: Bad }
        StepThenWait: { module: flows.js, class: StepThenWait }
      """;

  private TestApp start() {
    return TestApp.start(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", API, "flows.js", FLOWS));
  }

  private static JsonNode call(TestApp app, String wf, String action, String id, String arg) throws Exception {
    String q = arg == null ? "" : "?arg=" + URLEncoder.encode(arg, StandardCharsets.UTF_8);
    return JSON.readTree(app.post("/" + wf + "/" + action + "/" + id + q, "").body());
  }

  private static JsonNode waitForStatus(TestApp app, String wf, String id, String status) throws Exception {
    JsonNode s = null;
    for (int i = 0; i < 300; i++) {
      s = call(app, wf, "status", id, null);
      if (s.path("status").asText().equals(status)) return s;
      Thread.sleep(20);
    }
    throw new AssertionError(wf + " " + id + " never became " + status + "; last: " + s);
  }

  @Test
  void anApprovalWaitsForVotesIncludingOneSentEarlyAndCompletes() throws Exception {
    try (TestApp app = start()) {
      assertThat(call(app, "A", "create", "doc-42", "{\"id\":42}").path("id").asText()).isEqualTo("doc-42");
      // sent before the workflow waits for it: kept
      call(app, "A", "event", "doc-42", "{\"type\":\"vote\",\"payload\":{\"ok\":true,\"by\":\"ann\"}}");
      call(app, "A", "event", "doc-42", "{\"type\":\"other\",\"payload\":1}"); // not a vote: ignored by the waits
      call(app, "A", "event", "doc-42", "{\"type\":\"vote\",\"payload\":{\"ok\":false,\"by\":\"bob\"}}");
      waitForStatus(app, "A", "doc-42", "waiting");
      call(app, "A", "event", "doc-42", "{\"type\":\"vote\",\"payload\":{\"ok\":true,\"by\":\"cy\"}}");
      JsonNode done = waitForStatus(app, "A", "doc-42", "complete");
      JsonNode out = done.path("output");
      assertThat(out.path("approved").asBoolean()).isTrue();
      assertThat(out.path("title").asText()).isEqualTo("doc 42");
      assertThat(out.path("votes").toString()).isEqualTo("[{\"ok\":true,\"by\":\"ann\"},{\"ok\":false,\"by\":\"bob\"},{\"ok\":true,\"by\":\"cy\"}]");
      assertThat(out.path("after").path("t").asLong()).isGreaterThanOrEqualTo(out.path("before").path("t").asLong());
      // finished: no more events
      JsonNode late = call(app, "A", "event", "doc-42", "{\"type\":\"vote\",\"payload\":{}}");
      assertThat(late.path("error").asText()).isEqualTo("workflow_instance_finished");
    }
  }

  @Test
  void aWaitingInstanceSurvivesARestartAndReplaysItsRandomnessAndTime() throws Exception {
    String logged;
    try (TestApp app = start()) {
      call(app, "A", "create", "doc-7", "{\"id\":7}");
      call(app, "A", "event", "doc-7", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      waitForStatus(app, "A", "doc-7", "waiting");
      // what the first process's run saw from Math.random() before it parked, as its journal holds it
      var journals = app.server.journals();
      var summary = journals.list(dev.cairn.core.spi.JournalStore.Query.since(0, 10).withTarget("Approval")).getFirst();
      var journal = dev.cairn.core.journal.Journal.fromEncoded(journals.read(summary.invocationId()));
      logged = journal.hostCalls().stream().filter(c -> c.op().equals("log")).map(c -> new String(c.args().toArray(), StandardCharsets.UTF_8))
          .findFirst().orElseThrow();
      assertThat(journal.isSuspended()).isTrue();
    }
    try (TestApp again = start()) {
      call(again, "A", "event", "doc-7", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      JsonNode out = waitForStatus(again, "A", "doc-7", "complete").path("output");
      // the second process replayed the run up to its wait: Math.random() gave the same value again
      assertThat(logged).contains("before " + out.path("before").path("r").asText());
      assertThat(out.path("after").path("t").asLong()).isGreaterThanOrEqualTo(out.path("before").path("t").asLong());
      assertThat(out.path("votes").size()).isEqualTo(2);
    }
  }

  @Test
  void anInstanceWhoseJournalNeverBecameDurableStartsAnewInsteadOfErroring() throws Exception {
    String journalId;
    try (TestApp app = start()) {
      call(app, "A", "create", "doc-9", "{\"id\":9}");
      waitForStatus(app, "A", "doc-9", "waiting");
      journalId = app.server.journals().list(dev.cairn.core.spi.JournalStore.Query.since(0, 10).withTarget("Approval"))
          .getFirst().invocationId();
    }
    // what a kill between the two commits of create leaves: the instance's meta (entity store) is
    // durable, its journal (journal store, another file) is not
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".cairn/journal.db")); var s = c.createStatement()) {
      s.execute("DELETE FROM journal_entries WHERE invocation_id = '" + journalId + "'");
      s.execute("DELETE FROM invocations WHERE invocation_id = '" + journalId + "'");
    }
    try (TestApp again = start()) {
      call(again, "A", "event", "doc-9", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      call(again, "A", "event", "doc-9", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      JsonNode out = waitForStatus(again, "A", "doc-9", "complete").path("output");
      assertThat(out.path("votes").size()).isEqualTo(2);
    }
  }

  @Test
  void anEventThatArrivesWhileTheRunParksIsNotLost() throws Exception {
    try (TestApp app = start()) {
      // Every entity commit takes 150 ms: the event's commit is still going on when the run (its 50 ms
      // step done) reaches the wait and asks to park; the event then reaches a run that is parking.
      // It must stay buffered for the parked instance, not be taken by the run that is being dropped.
      ((dev.cairn.store.entity.SqliteEntityStore) app.server.entityStore()).beforeEachCommit(() -> {
        try {
          Thread.sleep(150);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 3; i++) {
        call(app, "S", "create", "race-" + i, null);
        call(app, "S", "event", "race-" + i, "{\"type\":\"go\",\"payload\":" + i + "}");
      }
      for (int i = 0; i < 3; i++) {
        assertThat(waitForStatus(app, "S", "race-" + i, "complete").path("output").asInt()).isEqualTo(i);
      }
    }
  }

  @Test
  void aStepIsRetriedWithBackoffAndFailsForGoodWhenItsRetriesRunOut() throws Exception {
    try (TestApp app = start()) {
      call(app, "F", "create", "ok", "{\"limit\":3,\"failures\":2}");
      assertThat(waitForStatus(app, "F", "ok", "complete").path("output").toString()).isEqualTo("{\"value\":3}");
      call(app, "F", "create", "bad", "{\"limit\":1,\"failures\":5}");
      JsonNode errored = waitForStatus(app, "F", "bad", "errored");
      assertThat(errored.path("error").path("message").asText()).contains("attempt 2 failed");
    }
  }

  @Test
  void aWaitForEventTimesOut() throws Exception {
    try (TestApp app = start()) {
      call(app, "W", "create", "w1", "{\"timeout\":\"300 ms\"}");
      assertThat(waitForStatus(app, "W", "w1", "complete").path("output").asText()).isEqualTo("timed out: workflow_event_timeout");
    }
  }

  @Test
  void pauseResumeTerminateAndRestart() throws Exception {
    try (TestApp app = start()) {
      call(app, "A", "create", "p1", "{\"id\":1}");
      waitForStatus(app, "A", "p1", "waiting");
      call(app, "A", "pause", "p1", null);
      assertThat(call(app, "A", "status", "p1", null).path("status").asText()).isEqualTo("paused");
      call(app, "A", "event", "p1", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      call(app, "A", "event", "p1", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      Thread.sleep(300);
      assertThat(call(app, "A", "status", "p1", null).path("status").asText()).isEqualTo("paused"); // held while paused
      call(app, "A", "resume", "p1", null);
      waitForStatus(app, "A", "p1", "complete");

      call(app, "A", "create", "t1", "{\"id\":2}");
      waitForStatus(app, "A", "t1", "waiting");
      call(app, "A", "terminate", "t1", null);
      assertThat(call(app, "A", "status", "t1", null).path("status").asText()).isEqualTo("terminated");
      assertThat(call(app, "A", "terminate", "t1", null).path("error").asText()).isEqualTo("workflow_instance_finished");
      call(app, "A", "restart", "t1", null);
      waitForStatus(app, "A", "t1", "waiting");
      call(app, "A", "event", "t1", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      call(app, "A", "event", "t1", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      assertThat(waitForStatus(app, "A", "t1", "complete").path("output").path("votes").size()).isEqualTo(2);
    }
  }

  @Test
  void theAdminApiListsShowsAndDrivesInstances() throws Exception {
    try (TestApp app = start()) {
      call(app, "A", "create", "adm-1", "{\"id\":1,\"coolOffMs\":10}");
      call(app, "A", "create", "adm-2", "{\"id\":2}");
      waitForStatus(app, "A", "adm-1", "waiting");
      waitForStatus(app, "A", "adm-2", "waiting");
      var list = JSON.readTree(CapabilityLinksTest.admin(app, "GET", "/__cairn/workflows/Approval", "").body());
      assertThat(list.path("instances").findValuesAsText("id")).containsExactlyInAnyOrder("adm-1", "adm-2");
      assertThat(list.path("instances").get(0).path("state").path("status").asText()).isEqualTo("waiting");
      for (int i = 0; i < 2; i++) {
        var sent = CapabilityLinksTest.admin(app, "POST", "/__cairn/workflows/Approval/adm-1/events", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      }
      waitForStatus(app, "A", "adm-1", "complete");
      assertThat(CapabilityLinksTest.admin(app, "POST", "/__cairn/workflows/Approval/adm-2/terminate", "").statusCode()).isEqualTo(200);
      assertThat(CapabilityLinksTest.admin(app, "GET", "/__cairn/workflows/Approval/adm-2", "").body()).contains("\"status\":\"terminated\"");
      var missing = CapabilityLinksTest.admin(app, "GET", "/__cairn/workflows/Approval/nobody", "");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("workflow_instance_not_found");
      assertThat(CapabilityLinksTest.admin(app, "GET", "/__cairn/workflows/Nope", "").body()).contains("workflow_not_found");
      assertThat(CapabilityLinksTest.admin(app, "POST", "/__cairn/workflows/Approval/adm-1/events", "{}").body()).contains("admin_bad_request");
    }
  }

  @Test
  void replayTellsWhetherNewCodeWouldResumeAWaitingInstance(@TempDir Path other) throws Exception {
    try (TestApp app = start()) {
      call(app, "A", "create", "r1", "{\"id\":1,\"coolOffMs\":10}");
      call(app, "A", "event", "r1", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      waitForStatus(app, "A", "r1", "waiting");
      var journals = app.server.journals();
      String journal = journals.list(dev.cairn.core.spi.JournalStore.Query.since(0, 10).withTarget("Approval")).getFirst().invocationId();

      // "waiting" can be seen at vote 0 for a moment: the run may park there while the vote is on its
      // way, and then resume for it at once. Where it waits next is vote 1.
      var same = app.server.replays().replay(journal, java.util.Optional.empty());
      for (int i = 0; i < 100 && !same.note().contains("vote 1"); i++) {
        Thread.sleep(20);
        same = app.server.replays().replay(journal, java.util.Optional.empty());
      }
      assertThat(same.identical()).as(same.toString()).isTrue();
      assertThat(same.note()).contains("waitForEvent vote 1");

      // new code that adds a step before the votes would not resume this instance where it is
      TestApp.write(other, TestApp.files("cairn.yaml", MANIFEST, "api.js", API,
          "flows.js", FLOWS.replace("const votes = [];", "await step.do(\"audit\", async () => 1);\n          const votes = [];")));
      var changed = app.server.replays().replay(journal, java.util.Optional.of(other));
      assertThat(changed.identical()).isFalse();
      assertThat(changed.actual()).contains("audit");

      call(app, "A", "event", "r1", "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      waitForStatus(app, "A", "r1", "complete");
      var done = app.server.replays().replay(journal, java.util.Optional.empty());
      assertThat(done.identical()).as(done.toString()).isTrue();
    }
  }

  @Test
  void aDeployKeepsInFlightInstancesOnTheCodeTheyStartedOn() throws Exception {
    try (TestApp app = start()) {
      call(app, "A", "create", "old", "{\"id\":1,\"coolOffMs\":10}");
      waitForStatus(app, "A", "old", "waiting");
    }
    // new code: a new step before the votes, and a marker in the output
    String v2 = FLOWS.replace("const votes = [];", "await step.do(\"audit\", async () => 1);\n          const votes = [];")
        .replace("return { approved: true,", "return { v2: true, approved: true,");
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", API, "flows.js", v2))) {
      call(app, "A", "create", "new", "{\"id\":2,\"coolOffMs\":10}");
      for (String id : new String[] {"old", "new"}) {
        waitForStatus(app, "A", id, "waiting");
        call(app, "A", "event", id, "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
        call(app, "A", "event", id, "{\"type\":\"vote\",\"payload\":{\"ok\":true}}");
      }
      // the old instance resumed on its own version (kept under .cairn/code/), the new one runs the new code
      assertThat(waitForStatus(app, "A", "old", "complete").path("output").has("v2")).isFalse();
      assertThat(waitForStatus(app, "A", "new", "complete").path("output").path("v2").asBoolean()).isTrue();
    }
  }

  @Test
  void badInputGetsClearErrors() throws Exception {
    try (TestApp app = start()) {
      assertThat(call(app, "A", "status", "nobody", null).path("error").asText()).isEqualTo("workflow_instance_not_found");
      call(app, "A", "create", "dup", "{\"id\":1}");
      assertThat(call(app, "A", "create", "dup", "{\"id\":1}").path("error").asText()).isEqualTo("workflow_instance_exists");
      assertThat(call(app, "A", "create", "bad%20id!", "{}").path("error").asText()).isEqualTo("workflow_invalid_argument");
      call(app, "B", "create", "d", "{\"what\":\"duration\"}");
      assertThat(waitForStatus(app, "B", "d", "errored").path("error").path("message").asText()).contains("invalid duration \"3 fortnights\"");
      call(app, "B", "create", "u", "{\"what\":\"unserializable\"}");
      assertThat(waitForStatus(app, "B", "u", "errored").path("error").path("message").asText()).contains("cannot be stored");
    }
  }
}
