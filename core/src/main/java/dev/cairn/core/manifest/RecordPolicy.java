package dev.cairn.core.manifest;

/**
 * Which invocations of a service keep their journal: {@code record: all | errors | none |
 * { sample: 0.01 }} in {@code cairn.yaml}. Durable targets (entities, workflows) always record,
 * whatever this says, because their journal is their state.
 */
public sealed interface RecordPolicy {
  RecordPolicy ALL = new All();

  /** Decides from the invocation's outcome and its seed (so a replay of the same seed agrees). */
  boolean keeps(boolean failed, long seed);

  record All() implements RecordPolicy {
    public boolean keeps(boolean failed, long seed) { return true; }
  }

  /** Only invocations that failed or answered 5xx. */
  record Errors() implements RecordPolicy {
    public boolean keeps(boolean failed, long seed) { return failed; }
  }

  record None() implements RecordPolicy {
    public boolean keeps(boolean failed, long seed) { return false; }
  }

  /** A fraction of invocations, chosen by their seed; failures are always kept. */
  record Sample(double fraction) implements RecordPolicy {
    public Sample {
      if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("sample must be between 0 and 1, got " + fraction);
    }

    public boolean keeps(boolean failed, long seed) {
      return failed || ((seed >>> 11) * 0x1.0p-53) < fraction;
    }
  }
}
