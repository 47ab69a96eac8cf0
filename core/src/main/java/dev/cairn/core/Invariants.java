package dev.cairn.core;

/**
 * Invariants checked in code, always on (unlike {@code assert}). A failed check is a bug in Cairn,
 * never a user error: user errors are {@link CairnException}s with codes.
 */
public final class Invariants {
  private Invariants() {}

  public static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalStateException("invariant violated: " + String.format(format, args));
    }
  }

  public static <T> T notNull(T value, String what) {
    if (value == null) {
      throw new IllegalStateException("invariant violated: " + what + " must not be null");
    }
    return value;
  }
}
