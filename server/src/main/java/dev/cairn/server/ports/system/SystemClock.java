package dev.cairn.server.ports.system;

import dev.cairn.core.spi.Clock;

/** Production {@link Clock}: the system clock. The one place Cairn reads it. */
public final class SystemClock implements Clock {
  public static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long nowMs() {
    return System.currentTimeMillis();
  }

  @Override
  public long monotonicNs() {
    return System.nanoTime();
  }
}
