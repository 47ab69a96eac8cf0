package dev.cairn.core.capability;

/**
 * What goes with a written value.
 *
 * @param metadata a JSON text, or empty for none
 * @param expiresAtMs when the key expires (epoch ms), 0 for never
 */
public record KvWrite(String metadata, long expiresAtMs) {
  public static final KvWrite PLAIN = new KvWrite("", 0);

  public KvWrite {
    if (metadata == null) throw new IllegalArgumentException("metadata must not be null (empty for none)");
    if (expiresAtMs < 0) throw new IllegalArgumentException("expiresAtMs must be >= 0, got " + expiresAtMs);
  }
}
