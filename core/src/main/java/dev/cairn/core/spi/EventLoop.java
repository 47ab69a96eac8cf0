package dev.cairn.core.spi;

/**
 * A single thread that runs submitted tasks one at a time, in order. A JavaScript context is only
 * ever entered from its own loop. Obtained from {@link Scheduler#newEventLoop(String)}.
 */
public interface EventLoop extends AutoCloseable {
  /** Queues a task; never blocks. Tasks submitted after {@link #close()} are dropped. */
  void execute(Runnable task);

  /** True when called from this loop's own thread. */
  boolean inLoop();

  /**
   * CPU time consumed so far by this loop's thread, in nanoseconds, or -1 where the platform cannot
   * tell. Used to enforce per-invocation CPU limits.
   */
  long cpuTimeNs();

  /**
   * Begins measuring the CPU time of one task, on this loop's own thread: a {@link #cpuTimeNs()}
   * reading taken at or before now. It may be an earlier reading (the end of the previous task):
   * an earlier start can only make the task's figure larger, never smaller. Pass it to
   * {@link #taskCpuNs}; tasks do not nest, so one measurement is open at a time.
   */
  default long taskCpuStartNs() {
    return cpuTimeNs();
  }

  /**
   * Ends the measurement begun by {@link #taskCpuStartNs}: the CPU time the task used or more,
   * never less (CPU limits depend on it), and 0 where the platform cannot tell. On the loop's thread.
   */
  default long taskCpuNs(long startNs) {
    long now = cpuTimeNs();
    return now < 0 || startNs < 0 ? 0 : Math.max(0, now - startNs);
  }

  /** Stops the loop after the running task; queued tasks are dropped. */
  @Override
  void close();
}
