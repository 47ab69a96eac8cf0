package dev.cairn.js;

import dev.cairn.core.entity.InstanceLimits;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * What the {@link AlarmRunner} fires alarms at: an entity class, or the workflow engine of a class
 * (whose timers — sleeps, event timeouts, retry delays, crash leases — are alarms too).
 */
public interface AlarmTarget {
  /** The alarm of {@code id} due at {@code dueMs} fired; fails when the handler failed (it is then retried). */
  CompletableFuture<Void> alarm(String invocationId, String id, long dueMs, int retryCount);

  /** The retry bounds of its alarms. */
  InstanceLimits instanceLimits();

  /** Its retries ran out: clear the alarm, unless it was moved meanwhile. */
  void dropAlarm(String id, long dueMs);

  /** Who to tell when one of its alarms is set (so the runner wakes in time). */
  void onAlarmSet(LongConsumer listener);
}
