package dev.cairn.core;

import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.Entropy;

/**
 * Invocation ids: 12 hex digits of milliseconds then 16 of randomness, so ids sort by start time
 * and are unique without coordination. Both parts come from ports, so a simulation's ids repeat.
 */
public final class InvocationIds {
  private InvocationIds() {}

  public static String next(Clock clock, Entropy entropy) {
    return String.format("%012x%016x", clock.nowMs() & 0xFFFF_FFFF_FFFFL, entropy.nextSeed());
  }
}
