package dev.cairn.core;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Scheduler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Admits at most {@code permits} holders at once; others wait in a bounded FIFO queue for at most
 * {@code waitMs}. Never blocks a thread: callers get a future, so an event loop can wait for a slot
 * of another service without stalling. A waiter that times out or finds the queue full fails with
 * the exception {@code onReject} makes.
 */
public final class AsyncLimiter {
  private final int permits;
  private final int queueMax;
  private final long waitMs;
  private final Scheduler scheduler;
  private final java.util.function.Supplier<RuntimeException> onReject;
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private int inUse;

  public AsyncLimiter(int permits, int queueMax, long waitMs, Scheduler scheduler,
      java.util.function.Supplier<RuntimeException> onReject) {
    Invariants.check(permits > 0 && queueMax >= 0 && waitMs >= 0, "bad limiter %s/%s/%s", permits, queueMax, waitMs);
    this.permits = permits;
    this.queueMax = queueMax;
    this.waitMs = waitMs;
    this.scheduler = scheduler;
    this.onReject = onReject;
  }

  public CompletableFuture<Void> acquire() {
    Waiter w;
    synchronized (this) {
      if (inUse < permits) {
        inUse++;
        return CompletableFuture.completedFuture(null);
      }
      if (queue.size() >= queueMax || waitMs == 0) return CompletableFuture.failedFuture(onReject.get());
      w = new Waiter();
      queue.add(w);
    }
    w.timer = scheduler.schedule(waitMs, () -> {
      boolean removed;
      synchronized (this) {
        removed = queue.remove(w);
      }
      if (removed) w.future.completeExceptionally(onReject.get());
    });
    return w.future;
  }

  public void release() {
    Waiter next;
    synchronized (this) {
      Invariants.check(inUse > 0, "release without acquire");
      next = queue.poll();
      if (next == null) {
        inUse--;
        return;
      }
    }
    // the permit passes straight to the next waiter
    next.timer.cancel();
    next.future.complete(null);
  }

  public synchronized int inUse() {
    return inUse;
  }

  public synchronized int waiting() {
    return queue.size();
  }

  private static final class Waiter {
    final CompletableFuture<Void> future = new CompletableFuture<>();
    volatile Cancellable timer = () -> {};
  }
}
