package dev.cairn.server.journal;

import dev.cairn.core.spi.Clock;

/** The clock of a replay: it shows whatever time the journal says it is, set as results are delivered. */
final class ReplayClock implements Clock {
  private volatile long nowMs;

  ReplayClock(long startMs) {
    this.nowMs = startMs;
  }

  void set(long ms) {
    nowMs = ms;
  }

  @Override
  public long nowMs() {
    return nowMs;
  }

  @Override
  public long monotonicNs() {
    return nowMs * 1_000_000L;
  }
}
