package dev.cairn.server.journal;

import java.util.List;
import java.util.Optional;

/**
 * The readable journal of one invocation: its entries up to the first one that cannot be read, and
 * that error. Nothing after a bad entry is shown: a corrupt entry is reported, never skipped.
 */
public record Timeline(List<TimelineRow> rows, Optional<TimelineError> error) {
  public Timeline {
    rows = List.copyOf(rows);
  }

  /**
   * Why the journal could not be read past {@code entryIndex}.
   *
   * @param code the {@code JournalException} code: {@code journal_corrupt}, {@code journal_version_unsupported}, ...
   * @param entryIndex the entry at fault
   * @param message the exception's message ({@code entry 3: checksum mismatch: ...})
   */
  public record TimelineError(String code, int entryIndex, String message) {}
}
