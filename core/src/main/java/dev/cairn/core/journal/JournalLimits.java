package dev.cairn.core.journal;

/**
 * The bounds of one journal. Exceeding any of them is a {@code journal_limit_exceeded} error, on
 * append and on load, never a silent truncation.
 *
 * @param entriesMax entries in one invocation's journal
 * @param bytesMax encoded bytes of all of one journal's entries together
 * @param entryBytesMax encoded bytes of one entry; also bounds every length read while decoding
 */
public record JournalLimits(int entriesMax, long bytesMax, int entryBytesMax) {
  public static final int ENTRIES_MAX_DEFAULT = 100_000;
  public static final long BYTES_MAX_DEFAULT = 64L * 1024 * 1024;
  public static final int ENTRY_BYTES_MAX_DEFAULT = 16 * 1024 * 1024;

  public static final JournalLimits DEFAULTS =
      new JournalLimits(ENTRIES_MAX_DEFAULT, BYTES_MAX_DEFAULT, ENTRY_BYTES_MAX_DEFAULT);

  public JournalLimits {
    if (entriesMax <= 0) throw new IllegalArgumentException("entriesMax must be > 0, got " + entriesMax);
    if (bytesMax <= 0) throw new IllegalArgumentException("bytesMax must be > 0, got " + bytesMax);
    if (entryBytesMax < JournalCodec.ENTRY_BYTES_MIN) {
      throw new IllegalArgumentException(
          "entryBytesMax must be >= " + JournalCodec.ENTRY_BYTES_MIN + " (an empty frame), got " + entryBytesMax);
    }
  }

  public JournalLimits withEntriesMax(int v) { return new JournalLimits(v, bytesMax, entryBytesMax); }
  public JournalLimits withBytesMax(long v) { return new JournalLimits(entriesMax, v, entryBytesMax); }
  public JournalLimits withEntryBytesMax(int v) { return new JournalLimits(entriesMax, bytesMax, v); }
}
