package dev.cairn.store.journal;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real-thread {@link Scheduler} for store tests (the production one lives in {@code server}, which
 * this module must not depend on). Close it after the test to stop its threads.
 */
public final class ThreadsForTests implements Scheduler, AutoCloseable {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final List<ExecutorService> loops = new ArrayList<>();

  @Override
  public Cancellable schedule(long delayMs, Runnable task) {
    var future = timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void executeBlocking(Runnable task) {
    blocking.execute(task);
  }

  @Override
  public synchronized EventLoop newEventLoop(String name) {
    Thread[] thread = new Thread[1];
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      thread[0] = new Thread(r, name);
      thread[0].setDaemon(true);
      return thread[0];
    });
    loops.add(executor);
    return new EventLoop() {
      @Override
      public void execute(Runnable task) {
        try {
          executor.execute(task);
        } catch (RejectedExecutionException closed) {
          // Dropped after close(), as the EventLoop contract says.
        }
      }

      @Override
      public boolean inLoop() {
        return Thread.currentThread() == thread[0];
      }

      @Override
      public long cpuTimeNs() {
        return -1;
      }

      @Override
      public void close() {
        executor.shutdown();
      }
    };
  }

  @Override
  public synchronized void close() {
    timers.shutdownNow();
    blocking.shutdownNow();
    loops.forEach(ExecutorService::shutdownNow);
  }
}
