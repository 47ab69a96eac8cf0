package dev.cairn.core.capability;

import java.util.List;

/**
 * Keys of one listing page, in UTF-8 byte order.
 *
 * @param keys the keys, at most the query's limit
 * @param complete true when no key follows this page
 * @param cursor pass it to get the next page; "" when complete
 */
public record KvPage(List<Key> keys, boolean complete, String cursor) {
  public KvPage {
    keys = List.copyOf(keys);
    if (complete != cursor.isEmpty()) throw new IllegalArgumentException("a cursor is given exactly when the listing is not complete");
  }

  /** A listed key with its metadata (JSON text or empty) and expiration (epoch ms, 0 for never). */
  public record Key(String name, String metadata, long expiresAtMs) {}
}
