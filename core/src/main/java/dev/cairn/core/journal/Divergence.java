package dev.cairn.core.journal;

/**
 * The first place where a replay did something other than what the journal recorded: both sides,
 * abbreviated for reading (arguments are cut after {@value Bytes#SHOWN_CHARS_MAX} characters).
 *
 * @param entryIndex index of the journal entry where the two part: the recorded call that was not
 *     matched, or the entry that stood where an extra call was made, or the {@code Completed} entry
 * @param recorded what the journal holds there, e.g. {@code fetch("https://a")} or {@code no further call}
 * @param actual what the replay did instead
 */
public record Divergence(int entryIndex, String recorded, String actual) {
  public Divergence {
    if (entryIndex < 0) throw new IllegalArgumentException("entryIndex must be >= 0, got " + entryIndex);
    if (recorded == null || actual == null) throw new IllegalArgumentException("both sides must be given");
  }

  /** {@code recorded X, replay produced Y}. */
  public String description() {
    return "divergence: recorded " + recorded + ", replay produced " + actual;
  }

  static String call(String op, Bytes args) {
    return op + "(" + args + ")";
  }
}
