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

  /** Stops the loop after the running task; queued tasks are dropped. */
  @Override
  void close();
}
