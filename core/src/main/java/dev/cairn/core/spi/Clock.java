package dev.cairn.core.spi;

/**
 * Port: the only source of time in Cairn. Production reads the system clock; tests and the
 * simulator drive their own. Code outside port implementations never calls the system clock.
 */
public interface Clock {
  /** Wall-clock time, milliseconds since the Unix epoch. */
  long nowMs();

  /** Monotonic time for measuring durations, nanoseconds from an arbitrary origin. */
  long monotonicNs();
}
