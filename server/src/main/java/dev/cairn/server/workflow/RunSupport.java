package dev.cairn.server.workflow;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link WorkflowRun} needs around it: the engine, for a live run; a replay check, for a
 * {@code cairn replay} of a workflow journal (which performs and appends nothing).
 */
interface RunSupport {
  long nowMs();

  /** Runs {@code task} on the event loop of instance {@code id}. */
  void onLoop(String id, Runnable task);

  /** A short wait's timer, run on the instance's loop. */
  void timer(String id, long delayMs, Runnable task);

  /** The run waits until {@code untilMs}: an alarm must come by then. */
  void wakeAt(String id, long untilMs);

  /** Only durable waits remain: park the run. */
  void park(String id, WorkflowRun run, List<WorkflowMeta.Wait> waits);

  /** An event was taken by a wait: it leaves the buffer. */
  void forgetEvent(String id, WorkflowEngine.BufferedEvent event);

  /** The run must end now, errored. */
  void failRun(String id, WorkflowRun run, WorkflowException e);

  CompletableFuture<Void> appendJournal(String journalId, int index, byte[] frame);

  /** Replay only: whether the run checks the journal instead of acting (nothing is performed or appended). */
  default boolean verifying() {
    return false;
  }

  /** Replay only: the code did {@code actual} where the journal says {@code recorded} (empty when it has nothing). */
  default void diverged(String recorded, String actual) {}

  /** Replay only: the code reached a wait the journal has no end for: it is where the live instance is now. */
  default void reachedWait(String what) {}
}
