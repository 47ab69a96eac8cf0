package dev.cairn.core.entity;

import java.util.Optional;

/**
 * The options of Durable Objects' {@code storage.list()}, applied in this order: keep keys with
 * {@code prefix} that are {@code >= start} and {@code < end} (all in UTF-16 code-unit order, like
 * {@link String#compareTo}); walk them ascending, or descending when {@code reverse}; stop after
 * {@code limit}. Unset bounds are {@link Optional#empty()}; {@link #ALL} sets none.
 *
 * @param limit at most this many entries; {@link Integer#MAX_VALUE} for no limit
 */
public record ListOptions(Optional<String> prefix, Optional<String> start, Optional<String> end, int limit,
    boolean reverse) {
  /** Every key, ascending. */
  public static final ListOptions ALL =
      new ListOptions(Optional.empty(), Optional.empty(), Optional.empty(), Integer.MAX_VALUE, false);

  public ListOptions {
    if (prefix == null || start == null || end == null) {
      throw new IllegalArgumentException("list options: use Optional.empty() for an unset prefix, start or end");
    }
    if (limit < 1) {
      throw EntityStoreException.invalidListOption("limit must be at least 1, got " + limit);
    }
  }

  public ListOptions withPrefix(String value) {
    return new ListOptions(Optional.of(value), start, end, limit, reverse);
  }

  public ListOptions withStart(String value) {
    return new ListOptions(prefix, Optional.of(value), end, limit, reverse);
  }

  public ListOptions withEnd(String value) {
    return new ListOptions(prefix, start, Optional.of(value), limit, reverse);
  }

  public ListOptions withLimit(int value) {
    return new ListOptions(prefix, start, end, value, reverse);
  }

  public ListOptions withReverse(boolean value) {
    return new ListOptions(prefix, start, end, limit, value);
  }

  /** True if {@code key} passes prefix, start and end (the limit and order are the caller's). */
  public boolean admits(String key) {
    return prefix.map(key::startsWith).orElse(true)
        && start.map(s -> key.compareTo(s) >= 0).orElse(true)
        && end.map(e -> key.compareTo(e) < 0).orElse(true);
  }
}
