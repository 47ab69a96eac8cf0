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
    char[] out = new char[28];
    hex(out, 0, clock.nowMs(), 12);
    hex(out, 12, entropy.nextSeed(), 16);
    return new String(out);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--, value >>>= 4) out[at + i] = DIGITS[(int) (value & 0xF)];
  }

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
}
