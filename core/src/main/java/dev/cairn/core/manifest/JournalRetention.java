package dev.cairn.core.manifest;

/**
 * How long and how much journal an app keeps: {@code journal: { retainMs: 604800000, bytesMax: "1GiB" }}
 * in {@code cairn.yaml}. Enforced in the background, oldest invocations first; running invocations
 * are never deleted (a waiting workflow's journal is its state).
 */
public record JournalRetention(long retainMs, long bytesMax) {
  public static final JournalRetention DEFAULTS = new JournalRetention(7L * 24 * 3600 * 1000, 1L << 30);

  public JournalRetention {
    if (retainMs <= 0) throw new IllegalArgumentException("retainMs must be > 0, got " + retainMs);
    if (bytesMax <= 0) throw new IllegalArgumentException("bytesMax must be > 0, got " + bytesMax);
  }
}
