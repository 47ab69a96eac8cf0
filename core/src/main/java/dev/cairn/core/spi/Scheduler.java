package dev.cairn.core.spi;

/**
 * Port: timers and threads. Cairn's code never creates threads or sleeps itself; it asks the
 * Scheduler. Production uses real threads; the simulator runs everything on one thread in virtual
 * time.
 */
public interface Scheduler {
  /** Runs {@code task} once after {@code delayMs} (0 = as soon as possible) on a timer thread. */
  Cancellable schedule(long delayMs, Runnable task);

  /** Runs a possibly blocking task (I/O) off the caller's thread. */
  void executeBlocking(Runnable task);

  /** A new single-threaded event loop, named for diagnostics. */
  EventLoop newEventLoop(String name);
}
