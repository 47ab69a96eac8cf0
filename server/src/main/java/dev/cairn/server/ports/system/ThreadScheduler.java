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
    // Task CPU, on the loop's thread only. Reading a thread's CPU clock is a system call (Linux has
    // no vDSO path for it) and cost ≈ 1 µs per reading on these VMs, twice per task; the wall
    // clock costs nanoseconds. A task's CPU is at most the CPU its thread used since the previous
    // reading, and at most the wall time the task took: the smaller of the two is a strict bound
    // from one reading per task, at its end. The first keeps out what the loop spends between
    // tasks (parking, waking: ≈ 5-10 µs on a VM), the second what a preempted task did not use.
    // A queued runnable that measures nothing (loading a module, say) leaves no usable reading: the
    // next measurement then reads the clock at its start, so the watchdog, which sees only the CPU
    // side while a task runs, is never handed someone else's work.
    private long lastCpuNs = -1;
    private long taskStartWallNs;
    private boolean measured;

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
        measured = false;
        try {
          task.run();
        } catch (Throwable t) {
          thread.getUncaughtExceptionHandler().uncaughtException(thread, t);
        }
        if (!measured) lastCpuNs = -1;
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
      return inLoop() ? THREADS.getCurrentThreadCpuTime() : THREADS.getThreadCpuTime(thread.threadId());
    }

    @Override
    public long taskCpuStartNs() {
      checkOnLoop();
      taskStartWallNs = System.nanoTime();
      if (lastCpuNs < 0) lastCpuNs = cpuTimeNs();
      return lastCpuNs;
    }

    @Override
    public long taskCpuNs(long startNs) {
      checkOnLoop();
      long cpu = cpuTimeNs();
      long wallNs = System.nanoTime() - taskStartWallNs;
      lastCpuNs = cpu;
      measured = true;
      if (cpu < 0 || startNs < 0) return 0;
      return Math.max(0, Math.min(cpu - startNs, wallNs));
    }

    private void checkOnLoop() {
      if (!inLoop()) {
        throw new IllegalStateException("task CPU is measured on the loop's own thread, not on " + Thread.currentThread().getName());
      }
    }

    @Override
    public void close() {
      closed = true;
      queue.clear();
      thread.interrupt();
    }
  }
}
