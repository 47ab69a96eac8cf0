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
 * @param phase what the invocation is doing
 * @param hostCalls how many host calls were recorded: the next one's {@code seq}
 * @param lastTimeMs time of the latest entry; no later entry may be earlier
 */
record JournalLifecycle(Phase phase, int hostCalls, long lastTimeMs) {

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

  static final JournalLifecycle INITIAL = new JournalLifecycle(Phase.EMPTY, 0, Long.MIN_VALUE);

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
        yield new JournalLifecycle(Phase.RUNNING, 0, timeMs);
      }
      case HostCall h -> {
        require(h.seq() == hostCalls, index, "host call seq " + h.seq() + ", expected " + hostCalls);
        yield new JournalLifecycle(Phase.RUNNING, hostCalls + 1, timeMs);
      }
      case Suspended s -> new JournalLifecycle(Phase.SUSPENDED, hostCalls, timeMs);
      case Resumed r -> new JournalLifecycle(Phase.RUNNING, hostCalls, timeMs);
      case Completed c -> new JournalLifecycle(Phase.ENDED, hostCalls, timeMs);
      case Failed f -> new JournalLifecycle(Phase.ENDED, hostCalls, timeMs);
    };
  }

  /** When the entry happened; a host call counts from its start, since concurrent calls may end out of order. */
  static long timeOf(JournalEntry entry) {
    return switch (entry) {
      case Started s -> s.timeMs();
      case HostCall h -> h.startMs();
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
