package dev.cairn.js;

import dev.cairn.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a {@link StorageOp} answered, as the handler receives it and the journal keeps it ({@link #json()}).
 * Values are structured-clone text (see {@link StorageOp}); absent values are null.
 */
public sealed interface StorageResult {
  byte[] json();

  /** The value of a single-key get (null when absent). */
  record Value(String value) implements StorageResult {
    public byte[] json() {
      return value == null ? "{\"value\":null}".getBytes(StandardCharsets.UTF_8)
          : ("{\"value\":" + Json.quote(value) + "}").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Entries of a multi-key get or a list, in the order the handler sees them. */
  record Entries(List<String> keys, List<String> values) implements StorageResult {
    public Entries {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }

    public byte[] json() {
      StringBuilder b = new StringBuilder("{\"entries\":[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) b.append(',');
        b.append('[').append(Json.quote(keys.get(i))).append(',').append(Json.quote(values.get(i))).append(']');
      }
      return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** How many of the keys existed (a single-key delete answers {@code count == 1}). */
  record Count(int count) implements StorageResult {
    public byte[] json() { return ("{\"count\":" + count + "}").getBytes(StandardCharsets.UTF_8); }
  }

  /** The alarm time, or null when none is set. */
  record Alarm(Long timeMs) implements StorageResult {
    public byte[] json() { return ("{\"alarm\":" + timeMs + "}").getBytes(StandardCharsets.UTF_8); }
  }

  /** A write, a transaction edge or a sync: nothing to answer. */
  record Done() implements StorageResult {
    public byte[] json() { return JournalJson.EMPTY_OBJECT; }
  }

  StorageResult DONE = new Done();
}
