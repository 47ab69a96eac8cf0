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

  /**
   * The milliseconds an id minted by {@link #next} carries in its first 12 digits, or -1 when
   * {@code id} is not of that form (28 lower-case hex digits): ids chosen elsewhere, such as a
   * test's or a workflow instance's, carry no time.
   */
  public static long mintedAtMs(String id) {
    if (id.length() != 28) return -1;
    long ms = 0;
    for (int i = 0; i < 28; i++) {
      char c = id.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return -1;
      if (i < 12) ms = (ms << 4) | d;
    }
    return ms;
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--, value >>>= 4) out[at + i] = DIGITS[(int) (value & 0xF)];
  }

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
}
