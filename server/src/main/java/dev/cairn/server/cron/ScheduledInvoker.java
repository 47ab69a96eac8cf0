package dev.cairn.server.cron;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one service's {@code scheduled(controller, env, ctx)} handler for one cron fire. The
 * {@link CronRunner} calls it; the service runtime implements it.
 *
 * <p>The returned future completes when the handler has finished, normally or not. The invoker
 * logs a failing handler itself; the runner only uses the completion to advance the schedule and
 * never retries (cron is not a retry mechanism).
 */
@FunctionalInterface
public interface ScheduledInvoker {
  /**
   * @param service the service whose handler runs
   * @param cron the expression as written in the manifest ({@code controller.cron})
   * @param scheduledTimeMs the slot being fired, epoch ms ({@code controller.scheduledTime}); the same
   *     value again if an interrupted fire is re-run, so a handler can deduplicate by it
   */
  CompletableFuture<Void> scheduled(String service, String cron, long scheduledTimeMs);
}
