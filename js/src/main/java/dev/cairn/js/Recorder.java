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
 *
 * <p>A host call answered off the loop is taken in two parts: its place and time when it is answered
 * ({@link #hostCallLater}), its arguments' and outcome's journal forms and its entry later
 * ({@link #flush}): at the end of the invocation's next task on the loop (usually the one that
 * delivers the answer), or on whatever thread appends next. Encoding an entry costs microseconds;
 * done on the provider's I/O thread, it stood between the answer and the handler's next call. Order
 * and times are the same either way: every other append, and every read of the journal, first
 * appends what is waiting, in the order it was answered.
 */
final class Recorder {
  /** Answered host calls waiting for their entries; past this many they are appended at once. */
  static final int DEFERRED_MAX = 64;

  private final Journal journal;
  private final java.util.ArrayDeque<Deferred> deferred = new java.util.ArrayDeque<>();
  private JournalException broken;
  private long lastMs;

  private record Deferred(int seq, String op, java.util.function.Supplier<byte[]> args, java.util.function.Supplier<Outcome> outcome, long startMs, long endMs) {}

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
    flush();
    long end = endOf(startMs, endMs);
    appendHostCall(seq, op, args, outcome, startMs, end);
    return end;
  }

  /**
   * As {@link #hostCall}, with the arguments' and the outcome's journal forms made and the entry
   * appended later: at the next {@link #flush} or before the next append, whichever comes first.
   * Both must give the same answer whenever they are asked (they read values nobody changes).
   */
  synchronized long hostCallLater(int seq, String op, java.util.function.Supplier<byte[]> args, java.util.function.Supplier<Outcome> outcome,
      long startMs, long endMs) {
    long end = endOf(startMs, endMs);
    if (broken != null) return end; // nothing more is recorded: no need to keep what would be encoded
    if (deferred.size() >= DEFERRED_MAX) flush();
    deferred.add(new Deferred(seq, op, args, outcome, startMs, end));
    return end;
  }

  /** Appends the host calls {@link #hostCallLater} holds, in the order they were answered. */
  synchronized void flush() {
    for (Deferred d; (d = deferred.poll()) != null; ) {
      byte[] args;
      Outcome outcome;
      try {
        args = d.args.get();
        outcome = d.outcome.get();
      } catch (RuntimeException | Error e) {
        // An answer that cannot be put in the journal ends the recording, as a broken limit does:
        // a journal with a hole in it would replay wrong. Nothing is rethrown: a flush runs inside
        // completions and the loop's bookkeeping, which an escaping error would leave half done.
        if (broken == null) broken = JournalException.invariant(journal.size(), "host call " + d.seq + " (" + d.op + ") could not be recorded: " + e);
        deferred.clear();
        return;
      }
      appendHostCall(d.seq, d.op, args, outcome, d.startMs, d.endMs);
    }
  }

  synchronized void completed(byte[] output, long timeMs) {
    flush();
    append(new JournalEntry.Completed(Bytes.of(output), Math.max(timeMs, lastMs)));
  }

  synchronized void failed(String code, String message, String stack, long timeMs) {
    flush();
    append(new JournalEntry.Failed(code, message, stack, Math.max(timeMs, lastMs)));
  }

  private long endOf(long startMs, long endMs) {
    long end = Math.max(Math.max(startMs, endMs), lastMs);
    lastMs = end;
    return end;
  }

  private void appendHostCall(int seq, String op, byte[] args, Outcome outcome, long startMs, long endMs) {
    append(new JournalEntry.HostCall(seq, op, Bytes.of(args), outcome, startMs, (endMs - startMs) * 1000));
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
    flush();
    return broken == null ? java.util.Optional.of(journal) : java.util.Optional.empty();
  }

  synchronized java.util.Optional<JournalException> broken() {
    flush();
    return java.util.Optional.ofNullable(broken);
  }
}
