package dev.cairn.core.journal;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;

/**
 * Where a journal stands, as an immutable value, and the one transition table that says which
 * entry may come next. {@link #after} returns the next state or throws {@code journal_invariant}
 * naming the entry; {@link Journal} runs it on every append, so a journal loaded from storage is
 * checked by exactly the rules that admitted it.
 *
 * <p>Host calls are journaled when they <em>complete</em>, so the journal's order is the order in
 * which their results reached the handler, while {@code seq} is the order in which the handler
 * issued them. Concurrent calls ({@code Promise.all}) therefore appear with their seqs out of order;
 * what must hold is that each seq appears once and, by the end, the seqs are exactly 0..n-1. The
 * "each once" part is checked by {@link Journal} (it keeps the set); the "no gaps" part here, at the
 * end entry.
 *
 * @param phase what the invocation is doing
 * @param hostCalls how many host calls were recorded
 * @param maxSeq the largest seq recorded so far, or -1
 * @param lastTimeMs time of the latest entry; no later entry may be earlier
 */
record JournalLifecycle(Phase phase, int hostCalls, int maxSeq, long lastTimeMs) {

  enum Phase {
    /** Nothing yet: only {@code Started} may come. */
    EMPTY,
    /** Host calls, a suspension or the end may come. */
    RUNNING,
    /** A workflow waits: only {@code Resumed} may come. */
    SUSPENDED,
    /** {@code Completed} or {@code Failed} was recorded: nothing may come. */
    ENDED
  }

  static final JournalLifecycle INITIAL = new JournalLifecycle(Phase.EMPTY, 0, -1, Long.MIN_VALUE);

  /** The state after {@code entry}, the journal's entry number {@code index}. */
  JournalLifecycle after(JournalEntry entry, int index) {
    switch (phase) {
      case EMPTY -> require(entry instanceof Started, index, "the first entry must be Started, got " + entry.kindName());
      case RUNNING -> require(!(entry instanceof Resumed), index, "Resumed without a preceding Suspended");
      case SUSPENDED -> require(entry instanceof Resumed, index,
          "after Suspended only Resumed may come, got " + entry.kindName());
      case ENDED -> throw JournalException.invariant(index, entry.kindName() + " after the invocation ended");
    }
    long timeMs = timeOf(entry);
    require(timeMs >= lastTimeMs, index, "time goes backwards: " + timeMs + " ms after " + lastTimeMs + " ms");
    return switch (entry) {
      case Started s -> {
        require(index == 0, index, "Started may only be the first entry");
        yield new JournalLifecycle(Phase.RUNNING, 0, -1, timeMs);
      }
      case HostCall h -> {
        yield new JournalLifecycle(Phase.RUNNING, hostCalls + 1, Math.max(maxSeq, h.seq()), timeMs);
      }
      case Suspended s -> new JournalLifecycle(Phase.SUSPENDED, hostCalls, maxSeq, timeMs);
      case Resumed r -> new JournalLifecycle(Phase.RUNNING, hostCalls, maxSeq, timeMs);
      case Completed c -> ended(index);
      case Failed f -> ended(index);
    };
  }

  /** At the end every issued call has completed: the seqs seen (each once) must be exactly 0..n-1. */
  private JournalLifecycle ended(int index) {
    require(maxSeq == hostCalls - 1, index,
        "the invocation ended with host call seqs missing: " + hostCalls + " recorded, largest seq " + maxSeq);
    return new JournalLifecycle(Phase.ENDED, hostCalls, maxSeq, lastTimeMs);
  }

  /**
   * When the entry happened. A host call counts from its completion ({@code startMs + durationUs/1000}),
   * because that is when it is journaled and when its result reached the handler.
   */
  static long timeOf(JournalEntry entry) {
    return switch (entry) {
      case Started s -> s.timeMs();
      case HostCall h -> h.startMs() + h.durationUs() / 1000;
      case Suspended s -> s.timeMs();
      case Resumed r -> r.timeMs();
      case Completed c -> c.timeMs();
      case Failed f -> f.timeMs();
    };
  }

  private static void require(boolean condition, int index, String detail) {
    if (!condition) throw JournalException.invariant(index, detail);
  }
}
