package dev.cairn.server.ports.system;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Scheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Production {@link Scheduler}: one timer thread for delays, virtual threads for blocking I/O, and
 * one platform thread per event loop (platform, so its CPU time can be measured for CPU limits).
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger loops = new AtomicInteger();

  public ThreadScheduler() {
    timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = Thread.ofPlatform().name("cairn-timer").daemon(true).unstarted(r);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
    if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public Cancellable schedule(long delayMs, Runnable task) {
    ScheduledFuture<?> f = timers.schedule(guard(task), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void executeBlocking(Runnable task) {
    blocking.execute(guard(task));
  }

  @Override
  public EventLoop newEventLoop(String name) {
    return new ThreadEventLoop(name + "-" + loops.incrementAndGet());
  }

  @Override
  public void close() {
    timers.shutdownNow();
    blocking.shutdownNow();
  }

  private static Runnable guard(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), t);
      }
    };
  }

  /** A platform thread draining a queue. */
  private static final class ThreadEventLoop implements EventLoop {
    private final java.util.concurrent.LinkedBlockingQueue<Runnable> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    ThreadEventLoop(String name) {
      thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
      thread.start();
    }

    private void run() {
      while (!closed) {
        Runnable task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          if (closed) return;
          continue;
        }
        try {
          task.run();
        } catch (Throwable t) {
          thread.getUncaughtExceptionHandler().uncaughtException(thread, t);
        }
      }
    }

    @Override
    public void execute(Runnable task) {
      if (!closed) queue.add(task);
    }

    @Override
    public boolean inLoop() {
      return Thread.currentThread() == thread;
    }

    @Override
    public long cpuTimeNs() {
      return THREADS.getThreadCpuTime(thread.threadId());
    }

    @Override
    public void close() {
      closed = true;
      queue.clear();
      thread.interrupt();
    }
  }
}
