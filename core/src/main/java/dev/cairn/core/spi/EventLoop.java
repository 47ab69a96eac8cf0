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
   * Begins measuring the CPU time of one task, on this loop's own thread; pass the result to
   * {@link #taskCpuNs} with the same {@code exact}, and to {@link #runningTaskCpuNs} while the task
   * runs. Tasks do not nest, so one measurement is open at a time.
   *
   * @param exact the task's CPU time itself is wanted (an invocation near its CPU limit); otherwise
   *     a bound that costs less to take will do
   */
  default long taskCpuStartNs(boolean exact) {
    return cpuTimeNs();
  }

  /**
   * Ends the measurement begun by {@link #taskCpuStartNs}: at least the CPU time the task used,
   * never less (CPU limits depend on it). When not {@code exact} the loop may answer the task's wall
   * time without reading the CPU clock: a task runs on this one thread, so it cannot have used more.
   * On the loop's thread. Where the platform cannot tell CPU time, this default answers 0 (no
   * limit); a loop that knows the task's wall time may answer that instead.
   */
  default long taskCpuNs(long startNs, boolean exact) {
    long now = cpuTimeNs();
    return now < 0 || startNs < 0 ? 0 : Math.max(0, now - startNs);
  }

  /**
   * From any thread, while the task begun with {@code startNs} runs: at least the CPU time it has
   * used so far (the CPU watchdog's look at a task that does not end).
   */
  default long runningTaskCpuNs(long startNs) {
    long now = cpuTimeNs();
    return now < 0 || startNs < 0 ? 0 : Math.max(0, now - startNs);
  }

  /** Stops the loop after the running task; queued tasks are dropped. */
  @Override
  void close();
}
