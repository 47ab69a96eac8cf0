package dev.cairn.providers.messaging;

import dev.cairn.core.spi.Scheduler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs submitted tasks one after another, in submission order, on the Scheduler's blocking
 * executor: order without a thread of its own. Tasks must not block for long.
 */
final class SerialQueue {
  private final Scheduler scheduler;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  SerialQueue(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void submit(Runnable task) {
    tasks.add(task);
    if (draining.compareAndSet(false, true)) scheduler.executeBlocking(this::drain);
  }

  private void drain() {
    for (;;) {
      Runnable t;
      while ((t = tasks.poll()) != null) t.run();
      draining.set(false);
      if (tasks.isEmpty() || !draining.compareAndSet(false, true)) return;
    }
  }
}
