package dev.cairn.server.cron;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Scheduler;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler in virtual time, for tests: time stands still until {@link #advance}
 * moves it, running due tasks one by one in order of due time (then of scheduling), on the
 * caller's thread. Nothing here reads the real clock, so a test is exact and instant.
 */
final class VirtualTime implements Clock, Scheduler {
  private record Task(long dueMs, long sequence, Runnable body, boolean[] cancelled) {}

  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::sequence));
  /** Position on the timeline tasks are due on. */
  private long nowMs;
  /** What the clock reads minus the timeline: a clock set back or forward, timers unaffected. */
  private long clockOffsetMs;
  private long sequence;

  VirtualTime(long startMs) {
    this.nowMs = startMs;
  }

  @Override
  public long nowMs() {
    return nowMs + clockOffsetMs;
  }

  @Override
  public long monotonicNs() {
    return nowMs * 1_000_000;
  }

  @Override
  public Cancellable schedule(long delayMs, Runnable task) {
    boolean[] cancelled = {false};
    queue.add(new Task(nowMs + Math.max(0, delayMs), sequence++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  @Override
  public void executeBlocking(Runnable task) {
    schedule(0, task);
  }

  @Override
  public EventLoop newEventLoop(String name) {
    throw new UnsupportedOperationException("virtual time has no event loops");
  }

  /** Moves time forward by {@code ms}, running every task that falls due on the way. */
  void advance(long ms) {
    long target = nowMs + ms;
    while (!queue.isEmpty() && queue.peek().dueMs() <= target) {
      Task task = queue.poll();
      nowMs = task.dueMs();
      if (!task.cancelled()[0]) {
        task.body().run();
      }
    }
    nowMs = target;
  }

  /** Sets the wall clock by {@code ms} (negative: back) without moving timers, like an NTP step. */
  void jumpClock(long ms) {
    clockOffsetMs += ms;
  }

  /** Tasks waiting and not cancelled. */
  long pendingTasks() {
    return queue.stream().filter(task -> !task.cancelled()[0]).count();
  }
}
