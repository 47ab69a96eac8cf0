package dev.cairn.server.workflow;

import dev.cairn.core.Json;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.workflow.WorkflowLimits;
import dev.cairn.js.HostServices;
import dev.cairn.js.WorkflowRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code cairn replay} of a workflow journal: runs {@code run()} against the journal alone — every
 * step, wait and call answered from it, nothing performed, nothing appended — and says whether the
 * code still does what was recorded. For an instance that is still waiting this is the question a
 * deploy asks: would the new code resume it where it is?
 */
public final class WorkflowReplay {
  /** A replay that neither ends, diverges nor reaches a wait within this is reported as stalled. */
  static final long WAIT_MS = 10_000;

  /** What the replay found: identical (up to {@code frontier} for a waiting instance), or where it departed. */
  public record Verdict(boolean identical, String recorded, String actual, String frontier, String error) {}

  private WorkflowReplay() {}

  /** Replays {@code journal} on {@code contexts}; {@code outside} only receives what the run logs about itself. */
  public static Verdict replay(Journal journal, WorkflowRunner contexts, HostServices outside, String className) {
    JournalEntry.Started started = journal.started();
    var input = dev.cairn.server.journal.JournalJsonReader.parse(started.input().toArray());
    String instanceId = input.path("instanceId").asText();
    // a journal ended by terminate() or restart() stopped wherever the run was, a wait included
    boolean finished = journal.outcome().isPresent() && !(journal.outcome().get() instanceof JournalEntry.Failed f
        && (f.code().equals("workflow_terminated") || f.code().equals("workflow_restarted")));
    CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    RunSupport support = new RunSupport() {
      @Override public long nowMs() { return started.timeMs(); }
      @Override public void onLoop(String id, Runnable task) { contexts.execute(id, task); }
      @Override public void timer(String id, long delayMs, Runnable task) {}
      @Override public void wakeAt(String id, long untilMs) {}
      @Override public void park(String id, WorkflowRun run, List<WorkflowMeta.Wait> waits) {}
      @Override public void forgetEvent(String id, WorkflowEngine.BufferedEvent event) {}
      @Override public void failRun(String id, WorkflowRun run, WorkflowException e) {
        verdict.complete(new Verdict(false, "", "", "", e.code() + ": " + e.getMessage()));
      }
      @Override public CompletableFuture<Void> appendJournal(String journalId, int index, byte[] frame) {
        return CompletableFuture.completedFuture(null);
      }
      @Override public boolean verifying() { return true; }
      @Override public void diverged(String recorded, String actual) {
        verdict.complete(new Verdict(false, recorded.isEmpty() ? "(no such entry)" : recorded, actual, "", ""));
      }
      @Override public void reachedWait(String what) {
        if (finished) verdict.complete(new Verdict(false, "the run ended", what + " (a wait the recorded run did not make)", "", ""));
        else verdict.complete(new Verdict(true, "", "", what, ""));
      }
    };
    WorkflowRun run = new WorkflowRun(support, instanceId, outside, journal, started.invocationId(), WorkflowLimits.DEFAULTS, List.of());
    String event = "{\"payload\":" + Json.quote(input.path("params").asText()) + ",\"timestamp\":" + started.timeMs()
        + ",\"instanceId\":" + Json.quote(instanceId) + "}";
    contexts.runWorkflow(started.invocationId() + "-replay", started.seed(), started.timeMs(), className, event, run, instanceId)
        .whenComplete((output, error) -> verdict.complete(ended(journal, output, error)));
    try {
      return verdict.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Verdict(false, "", "", "", "replay_stalled: the replayed run neither ended, diverged nor reached a wait within "
          + WAIT_MS + " ms");
    } catch (Exception e) {
      return new Verdict(false, "", "", "", "internal_error: " + e);
    } finally {
      run.end();
      contexts.abandonWorkflow(started.invocationId() + "-replay", instanceId);
    }
  }

  private static Verdict ended(Journal journal, String output, Throwable error) {
    var end = journal.outcome();
    if (end.isEmpty()) {
      return new Verdict(false, "the run waits (still in flight)", error == null ? "the run ends with " + output : "the run fails: "
          + error.getMessage(), "", "");
    }
    if (end.get() instanceof JournalEntry.Completed c) {
      String recorded = dev.cairn.server.journal.JournalJsonReader.parse(c.output().toArray()).path("value").asText();
      if (error == null && recorded.equals(output)) return new Verdict(true, "", "", "", "");
      return new Verdict(false, "output " + recorded, error == null ? "output " + output : "failed: " + error.getMessage(), "", "");
    }
    JournalEntry.Failed f = (JournalEntry.Failed) end.get();
    if (f.code().equals("workflow_terminated") || f.code().equals("workflow_restarted")) {
      return new Verdict(true, "", "", "ended by " + f.code(), "");
    }
    if (error != null) return new Verdict(true, "", "", "", "");
    return new Verdict(false, "failed " + f.code() + ": " + f.message(), "output " + output, "", "");
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
