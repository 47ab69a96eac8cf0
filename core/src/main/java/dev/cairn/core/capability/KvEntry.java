package dev.cairn.core.capability;

/**
 * A stored value.
 *
 * @param value the bytes as written
 * @param metadata the metadata written with it, a JSON text, or empty for none
 * @param expiresAtMs when it expires (epoch ms), 0 for never
 */
public record KvEntry(byte[] value, String metadata, long expiresAtMs) {
  public KvEntry {
    if (value == null || metadata == null) throw new IllegalArgumentException("value and metadata must not be null");
    if (expiresAtMs < 0) throw new IllegalArgumentException("expiresAtMs must be >= 0, got " + expiresAtMs);
  }
}
