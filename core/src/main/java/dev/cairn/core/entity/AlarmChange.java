package dev.cairn.core.entity;

/**
 * What a {@link WriteBatch} does to its entity's alarm. A sealed type rather than a nullable or
 * nested optional time, so "leave it alone" and "delete it" cannot be confused.
 */
public sealed interface AlarmChange {
  /** The batch does not touch the alarm. */
  record Unchanged() implements AlarmChange {}

  /** The alarm is set to {@code dueMs} (ms since the epoch; in the past means "fire promptly"). */
  record SetTo(long dueMs) implements AlarmChange {
    public SetTo {
      if (dueMs < 0) {
        throw EntityStoreException.invalidArgument("alarm time must be ms since the epoch (>= 0), got " + dueMs);
      }
    }
  }

  /** The alarm is deleted (if there was one). */
  record Cleared() implements AlarmChange {}

  AlarmChange UNCHANGED = new Unchanged();
  AlarmChange CLEARED = new Cleared();
}
