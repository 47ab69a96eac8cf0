package dev.cairn.js;

import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalException;
import dev.cairn.core.journal.Outcome;


/**
 * Builds one invocation's journal as it runs. Host calls complete on any thread, so appends are
 * synchronized; the journal's own invariants are checked on every append. If recording breaks a
 * limit (say, a journal past {@code bytesMax}), recording stops for this invocation and the
 * invocation goes on: the journal is observability for stateless services, never a reason to fail
 * a request.
 */
final class Recorder {
  private final Journal journal;
  private JournalException broken;
  private long lastMs;

  Recorder(JournalEntry.Started started) {
    this.journal = Journal.begin(started);
    this.lastMs = started.timeMs();
  }

  /**
   * Records a completed host call and returns its completion time, never earlier than anything
   * recorded before (a wall clock set back must not break the journal's time order). The handler
   * sees exactly this time when the result is delivered, which is what makes replay exact.
   */
  synchronized long hostCall(int seq, String op, byte[] args, Outcome outcome, long startMs, long endMs) {
    long end = Math.max(Math.max(startMs, endMs), lastMs);
    lastMs = end;
    append(new JournalEntry.HostCall(seq, op, Bytes.of(args), outcome, startMs, (end - startMs) * 1000));
    return end;
  }

  synchronized void completed(byte[] output, long timeMs) {
    append(new JournalEntry.Completed(Bytes.of(output), Math.max(timeMs, lastMs)));
  }

  synchronized void failed(String code, String message, String stack, long timeMs) {
    append(new JournalEntry.Failed(code, message, stack, Math.max(timeMs, lastMs)));
  }

  private void append(JournalEntry entry) {
    if (broken != null) return;
    try {
      journal.append(entry);
    } catch (JournalException e) {
      broken = e;
    }
  }

  /** The journal, or empty when recording had to stop (the reason is in {@link #broken()}). */
  synchronized java.util.Optional<Journal> journal() {
    return broken == null ? java.util.Optional.of(journal) : java.util.Optional.empty();
  }

  synchronized java.util.Optional<JournalException> broken() {
    return java.util.Optional.ofNullable(broken);
  }
}
