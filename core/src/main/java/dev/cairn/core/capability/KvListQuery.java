package dev.cairn.core.capability;

/**
 * One page of a listing.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param limit keys per page, 1..{@link KvLimits#listLimitMax()}
 * @param cursor where the previous page ended, as returned in {@link KvPage#cursor()}; "" for the first page
 */
public record KvListQuery(String prefix, int limit, String cursor) {
  public KvListQuery {
    if (prefix == null || cursor == null) throw new IllegalArgumentException("prefix and cursor must not be null");
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, got " + limit);
  }
}
