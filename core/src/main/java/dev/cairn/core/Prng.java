package dev.cairn.core;

/**
 * Deterministic pseudo-random generator (SplitMix64). The same seed always gives the same
 * sequence, on every JVM: this is what makes {@code Math.random} replayable. Not thread-safe: one
 * per invocation.
 */
public final class Prng {
  private long state;

  public Prng(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1), 53 bits, like {@code Math.random}. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  public void nextBytes(byte[] out) {
    int i = 0;
    while (i < out.length) {
      long v = nextLong();
      for (int k = 0; k < 8 && i < out.length; k++, v >>>= 8) out[i++] = (byte) v;
    }
  }
}
