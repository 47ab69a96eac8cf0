package dev.cairn.server.journal;

import java.util.Map;

/**
 * One journal entry as {@code cairn inspect} shows it.
 *
 * @param index the entry's index in the journal (0 is {@code Started})
 * @param atMs when it happened, in milliseconds after {@code Started}: a host call's start, an end's time
 * @param entry {@code started}, {@code hostCall}, {@code completed}, {@code failed}, {@code suspended} or {@code resumed}
 * @param op the host call's op ({@code fetch}, {@code log}, ...); empty for the other entries
 * @param bytes the entry's encoded size, checksum included
 * @param description one readable line: {@code adder.add [2,3] -> 5}, payloads abbreviated unless full
 * @param durationUs a host call's duration in microseconds; -1 for the other entries
 * @param fields the entry's fields for JSON, in display order (payloads as text, abbreviated unless full)
 */
public record TimelineRow(
    int index, double atMs, String entry, String op, int bytes, String description, long durationUs,
    Map<String, Object> fields) {
  public TimelineRow {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /** What the kind column shows: the op of a host call, else the entry's kind. */
  public String label() {
    return op.isEmpty() ? entry : op;
  }
}
