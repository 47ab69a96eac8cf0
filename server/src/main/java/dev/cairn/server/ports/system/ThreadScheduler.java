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
    // no vDSO path for it): ≈ 0.7 µs in a tight loop on these VMs and ≈ 3 µs in place (6 % of the
    // loop's CPU per kv.get through a handler, measured with async-profiler), while the wall clock
    // costs nanoseconds. Two bounds on a task's CPU hold without a reading at its start: the CPU the
    // thread used since an earlier reading, and the wall time the task took (it runs on this one
    // thread); a measurement takes the smaller. One that need not be exact skips the reading when
    // the task was short and the last reading is recent: its wall time alone is then the charge.
    // A long task is always read, so a GC pause or a preemption of milliseconds is not charged, and
    // the last reading is never more than READING_PERIOD_NS of a busy loop old. An exact one starts
    // from a reading taken at the end of the task just before (or now, when something ran since),
    // so it leaves out both the loop's own time between tasks (parking, waking) and what a
    // preempted task did not use.
    private static final long ROUGH_TASK_WALL_MAX_NS = 1_000_000;
    private static final long READING_PERIOD_NS = 1_000_000;
    private long lastCpuNs = -1;
    private long lastReadingWallNs;
    private boolean lastIsPreviousTaskEnd;
    private volatile long taskStartWallNs;
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
        if (!measured) lastIsPreviousTaskEnd = false;
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
    public long taskCpuStartNs(boolean exact) {
      checkOnLoop();
      long now = System.nanoTime();
      taskStartWallNs = now;
      // With no reading yet (a fresh loop's first task) the end would have only the wall time.
      if (lastCpuNs < 0 || exact && !lastIsPreviousTaskEnd) read(now);
      return lastCpuNs;
    }

    @Override
    public long taskCpuNs(long startNs, boolean exact) {
      checkOnLoop();
      long now = System.nanoTime();
      long wallNs = Math.max(0, now - taskStartWallNs);
      measured = true;
      if (!exact && wallNs < ROUGH_TASK_WALL_MAX_NS && now - lastReadingWallNs < READING_PERIOD_NS && lastCpuNs >= 0) {
        lastIsPreviousTaskEnd = false;
        return wallNs;
      }
      long cpu = read(now);
      lastIsPreviousTaskEnd = cpu >= 0;
      if (cpu < 0 || startNs < 0) return wallNs;
      return Math.max(0, Math.min(cpu - startNs, wallNs));
    }

    private long read(long wallNowNs) {
      lastCpuNs = cpuTimeNs();
      lastReadingWallNs = wallNowNs;
      return lastCpuNs;
    }

    @Override
    public long runningTaskCpuNs(long startNs) {
      long wallNs = Math.max(0, System.nanoTime() - taskStartWallNs);
      long cpu = startNs < 0 ? -1 : cpuTimeNs();
      return cpu < 0 ? wallNs : Math.max(0, Math.min(cpu - startNs, wallNs));
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
