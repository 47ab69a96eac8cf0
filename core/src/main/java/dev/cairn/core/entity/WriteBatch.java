package dev.cairn.core.entity;

import dev.cairn.core.Invariants;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything one event wrote to one entity, committed atomically: all of it becomes durable, or
 * none of it. It holds the <em>net</em> effect, not the history: first, if {@code deleteAll}, every
 * key is removed; then each key in {@code puts} gets its value and each key in {@code deletes} is
 * removed (a key is in at most one of the two); then the alarm changes. {@code deleteAll} leaves
 * the alarm alone, as in Durable Objects.
 *
 * <p>Build one with {@link #builder()}, which applies calls in order (a put after a delete of the
 * same key wins, a {@code deleteAll} forgets earlier puts), so the runtime's write-back cache can
 * replay an event's operations into it.
 */
public record WriteBatch(boolean deleteAll, NavigableMap<String, byte[]> puts, NavigableSet<String> deletes,
    AlarmChange alarm) {
  public WriteBatch {
    Invariants.notNull(puts, "puts");
    Invariants.notNull(deletes, "deletes");
    Invariants.notNull(alarm, "alarm change");
    puts = Collections.unmodifiableNavigableMap(new TreeMap<>(puts));
    deletes = Collections.unmodifiableNavigableSet(new TreeSet<>(deletes));
    for (var put : puts.entrySet()) {
      Invariants.notNull(put.getValue(), "value of key " + put.getKey());
    }
    for (String key : deletes) {
      Invariants.check(!puts.containsKey(key), "key %s is both put and deleted in one batch", key);
    }
  }

  /** How many keys the batch writes or deletes (not counting a {@code deleteAll}). */
  public int keys() {
    return puts.size() + deletes.size();
  }

  /** True if committing it would change nothing. */
  public boolean isEmpty() {
    return !deleteAll && keys() == 0 && alarm instanceof AlarmChange.Unchanged;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects writes in call order; not thread-safe (one event, one thread). */
  public static final class Builder {
    private boolean deleteAll;
    private final TreeMap<String, byte[]> puts = new TreeMap<>();
    private final TreeSet<String> deletes = new TreeSet<>();
    private AlarmChange alarm = AlarmChange.UNCHANGED;

    private Builder() {}

    /** Stores {@code value} under {@code key}; the array is not copied, do not change it afterwards. */
    public Builder put(String key, byte[] value) {
      Invariants.notNull(key, "key");
      Invariants.notNull(value, "value");
      deletes.remove(key);
      puts.put(key, value);
      return this;
    }

    public Builder delete(String key) {
      Invariants.notNull(key, "key");
      puts.remove(key);
      if (!deleteAll) {
        deletes.add(key); // after a deleteAll the key is gone anyway
      }
      return this;
    }

    public Builder deleteAll() {
      deleteAll = true;
      puts.clear();
      deletes.clear();
      return this;
    }

    /** Sets the alarm to {@code dueMs}, or deletes it when empty (Durable Objects' deleteAlarm). */
    public Builder setAlarm(OptionalLong dueMs) {
      alarm = dueMs.isPresent() ? new AlarmChange.SetTo(dueMs.getAsLong()) : AlarmChange.CLEARED;
      return this;
    }

    public WriteBatch build() {
      return new WriteBatch(deleteAll, puts, deletes, alarm);
    }
  }
}
