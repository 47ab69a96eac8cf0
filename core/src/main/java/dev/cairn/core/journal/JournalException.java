package dev.cairn.core.journal;

import dev.cairn.core.CairnException;
import java.util.Optional;

/**
 * A journal that cannot be read, appended to or replayed. Every message starts with the index of the
 * entry at fault ({@code entry 7: ...}), so a user can find it with {@code cairn inspect}.
 *
 * <p>Codes, stable once released:
 *
 * <ul>
 *   <li>{@code journal_corrupt}: checksum mismatch, or bytes that do not form an entry; never read past it
 *   <li>{@code journal_version_unsupported}: written by a format version this build does not read
 *   <li>{@code journal_truncated}: too short to be an entry at all
 *   <li>{@code journal_limit_exceeded}: an entry or the journal is larger than its {@link JournalLimits}
 *   <li>{@code journal_invariant}: entries out of order (see {@link Journal})
 *   <li>{@code journal_divergence}: replay did something else than what was recorded; see {@link #divergence()}
 * </ul>
 */
public final class JournalException extends CairnException {
  private final int entryIndex;
  private final Divergence divergence;

  private JournalException(String code, int status, int entryIndex, String message, Divergence divergence) {
    super(code, status, "entry " + entryIndex + ": " + message);
    this.entryIndex = entryIndex;
    this.divergence = divergence;
  }

  private static JournalException of(String code, int entryIndex, String message) {
    return new JournalException(code, 500, entryIndex, message, null);
  }

  /** The stored checksum does not match the bytes. */
  public static JournalException checksumMismatch(int entryIndex, int expected, int actual) {
    return of("journal_corrupt", entryIndex, String.format(
        "checksum mismatch: stored CRC32C 0x%08x, computed 0x%08x; the entry is corrupt or truncated", expected, actual));
  }

  /** The checksum holds but the bytes are not a valid entry of their version (a writer bug or a forged entry). */
  public static JournalException malformed(int entryIndex, String detail) {
    return of("journal_corrupt", entryIndex, "malformed entry: " + detail);
  }

  public static JournalException versionUnsupported(int entryIndex, int found, int newestReadable) {
    String readable = newestReadable == 1 ? "version 1" : "versions 1 to " + newestReadable;
    return of("journal_version_unsupported", entryIndex, "written in journal format version " + found
        + ", this build reads " + readable + "; read it with a Cairn that knows version " + found);
  }

  public static JournalException truncated(int entryIndex, int length, int minimum) {
    return of("journal_truncated", entryIndex,
        "truncated: " + length + " bytes, an entry has at least " + minimum);
  }

  /** {@code limitName} (for example {@code entryBytesMax}) is {@code limit}; {@code actual} is more. */
  public static JournalException limitExceeded(int entryIndex, String limitName, long limit, long actual) {
    return of("journal_limit_exceeded", entryIndex, limitName + " is " + limit + ", this needs " + actual);
  }

  /** Like {@link #limitExceeded}, found while encoding: the entry needs {@code atLeast} bytes or more. */
  static JournalException limitExceededAtLeast(int entryIndex, String limitName, long limit, long atLeast) {
    return of("journal_limit_exceeded", entryIndex, limitName + " is " + limit + ", this needs at least " + atLeast);
  }

  public static JournalException invariant(int entryIndex, String detail) {
    return of("journal_invariant", entryIndex, detail);
  }

  public static JournalException divergence(Divergence divergence) {
    return new JournalException("journal_divergence", 409, divergence.entryIndex(), divergence.description(), divergence);
  }

  /** Index of the entry at fault, 0 for {@code Started}. */
  public int entryIndex() {
    return entryIndex;
  }

  /** Both sides of a {@code journal_divergence}; empty for the other codes. */
  public Optional<Divergence> divergence() {
    return Optional.ofNullable(divergence);
  }
}
