package dev.cairn.js;

import java.util.concurrent.CompletableFuture;

/**
 * Contexts a workflow engine runs its instances in (a service's, or a workflow class's own): start
 * a run, drop a parked one, and do work on the event loop an instance is pinned to.
 */
public interface WorkflowRunner {
  /**
   * Runs {@code run(event, step)} of {@code className}, with {@code runHost} answering every host
   * call; completes with the output as structured-clone text, or the error.
   */
  CompletableFuture<String> runWorkflow(String invocationId, long seed, long startMs, String className, String eventJson,
      HostServices runHost, String pinKey);

  /** Ends a run without an answer: it parked, and its JS state goes. */
  void abandonWorkflow(String invocationId, String pinKey);

  /** Runs {@code task} on the event loop {@code pinKey} is pinned to. */
  void execute(String pinKey, Runnable task);
}
