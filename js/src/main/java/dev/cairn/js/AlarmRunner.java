package dev.cairn.js;

import dev.cairn.core.InvocationIds;
import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.EntityStore;
import dev.cairn.core.spi.Ports;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fires entities' alarms: at least once, after their time, retried with exponential backoff when
 * the handler fails (up to the class's {@code alarmRetriesMax}, then dropped with an error), and
 * across restarts, since the alarm lives in storage until a committed batch clears or moves it.
 *
 * <p>It wakes at the earliest alarm it knows of, and at least every {@link #POLL_MS}, asks the
 * store for the due alarms (the store's index makes that a read of its front), and delivers each
 * once: an alarm being delivered or waiting out its backoff is skipped until then.
 */
public final class AlarmRunner implements AutoCloseable {
  /** Longest sleep between two looks at the store. */
  static final long POLL_MS = 1_000;
  /** Alarms taken from the store per look. */
  static final int BATCH_MAX = 256;

  private final EntityStore store;
  private final Ports ports;
  private final Map<String, AlarmTarget> runtimes;
  private final HostServices log;
  private final Map<EntityAddress, Attempt> attempts = new HashMap<>();
  private Cancellable timer = () -> {};
  private long wakeAtMs = Long.MAX_VALUE;
  private boolean closed;

  /**
   * Retries of one alarm: how many were made, and when the next may run; or, {@code doneAtLook} ≥ 0,
   * that it ran successfully while look number {@code doneAtLook} was the latest — so a list of
   * due alarms read by that look or an earlier one may still show it (read before its clear was
   * committed) and must not fire it again.
   */
  private record Attempt(long dueMs, int retries, long notBeforeMs, boolean running, long doneAtLook) {
    Attempt(long dueMs, int retries, long notBeforeMs, boolean running) {
      this(dueMs, retries, notBeforeMs, running, -1);
    }
  }

  private long looks; // guarded by this: looks started so far

  public AlarmRunner(EntityStore store, Ports ports, Map<String, ? extends AlarmTarget> runtimes, HostServices log) {
    this.store = store;
    this.ports = ports;
    this.runtimes = Map.copyOf(runtimes);
    this.log = log;
    runtimes.values().forEach(r -> r.onAlarmSet(this::wake));
  }

  /** Alarms due by {@code horizonMs} whose namespace starts with {@code prefix} (a workflow engine's recovery at start). */
  public List<DueAlarm> dueBy(long horizonMs, String prefix, int limit) {
    return store.dueAlarms(horizonMs, limit).stream().filter(a -> a.entity().namespace().startsWith(prefix)).toList();
  }

  public synchronized void start() {
    schedule(0);
  }

  /** An alarm was set for {@code dueMs}: look then (or now, if it is already due). */
  synchronized void wake(long dueMs) {
    if (closed || dueMs >= wakeAtMs) return;
    schedule(Math.max(0, dueMs - ports.clock().nowMs()));
  }

  private void schedule(long delayMs) {
    timer.cancel();
    wakeAtMs = ports.clock().nowMs() + delayMs;
    timer = ports.scheduler().schedule(delayMs, () -> ports.scheduler().executeBlocking(this::look));
  }

  /** Off the timer thread (the store may block): deliver what is due, then sleep until the next. */
  private void look() {
    long look;
    synchronized (this) {
      look = ++looks; // before the read: a success recorded from now on is newer than what it reads
    }
    long now = ports.clock().nowMs();
    List<DueAlarm> due;
    try {
      due = store.dueAlarms(now, BATCH_MAX);
    } catch (RuntimeException e) {
      log.log(null, "error", "alarms: cannot read due alarms: " + e.getMessage());
      due = List.of();
    }
    long next = now + POLL_MS;
    synchronized (this) {
      if (closed) return;
      java.util.Set<EntityAddress> seen = new java.util.HashSet<>();
      for (DueAlarm alarm : due) {
        EntityAddress address = alarm.entity();
        seen.add(address);
        Attempt a = attempts.get(address);
        if (a != null && a.doneAtLook() >= 0) {
          if (a.dueMs() == alarm.dueMs() && look <= a.doneAtLook()) continue; // read before its clear: not again
          a = null; // set again since it ran: a new alarm
        }
        if (a != null && a.dueMs() != alarm.dueMs()) a = null; // moved since: a new alarm
        if (a != null && (a.running() || a.notBeforeMs() > now)) {
          if (!a.running()) next = Math.min(next, a.notBeforeMs());
          continue;
        }
        int retries = a == null ? 0 : a.retries();
        attempts.put(address, new Attempt(alarm.dueMs(), retries, 0, true));
        fire(address, alarm.dueMs(), retries);
      }
      // a success this look no longer sees (read after it) has been cleared: forget it
      attempts.entrySet().removeIf(e -> e.getValue().doneAtLook() >= 0 && e.getValue().doneAtLook() < look
          && !seen.contains(e.getKey()));
      if (due.size() == BATCH_MAX) next = now; // more are due: look again at once
      wakeAtMs = Long.MAX_VALUE;
      schedule(Math.max(0, next - ports.clock().nowMs()));
    }
  }

  private void fire(EntityAddress address, long dueMs, int retries) {
    AlarmTarget runtime = runtimes.get(address.namespace());
    if (runtime == null) {
      attempts.remove(address); // a class no longer in the manifest: its alarm waits for it to come back
      return;
    }
    String id = InvocationIds.next(ports.clock(), ports.entropy());
    runtime.alarm(id, address.id(), dueMs, retries).whenComplete((v, error) -> finished(runtime, address, dueMs, retries, error));
  }

  private synchronized void finished(AlarmTarget runtime, EntityAddress address, long dueMs, int retries, Throwable error) {
    if (error == null) {
      // not simply removed: a look that read the due list before this alarm's clear committed may
      // be about to deliver it (seen: an alarm set in the past ran twice)
      attempts.put(address, new Attempt(dueMs, retries, 0, false, looks));
      return;
    }
    int max = runtime.instanceLimits().alarmRetriesMax();
    if (retries >= max) {
      attempts.remove(address);
      log.log(null, "error", "alarm of " + address + " failed " + (retries + 1) + " times (alarmRetriesMax " + max
          + "); dropped: " + error.getMessage());
      runtime.dropAlarm(address.id(), dueMs);
      return;
    }
    long delay = runtime.instanceLimits().alarmRetryBaseMs() << Math.min(retries, 20);
    long at = ports.clock().nowMs() + delay;
    attempts.put(address, new Attempt(dueMs, retries + 1, at, false));
    if (!closed && at < wakeAtMs) schedule(delay);
  }

  @Override
  public synchronized void close() {
    closed = true;
    timer.cancel();
  }
}
