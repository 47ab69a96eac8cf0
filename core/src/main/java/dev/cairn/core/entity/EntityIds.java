package dev.cairn.core.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity ids, as Durable Objects' {@code DurableObjectId}: 64 lowercase hex digits. The first 48
 * are the id proper (a hash of the name for {@code idFromName}, random for {@code newUniqueId}); the
 * last 16 are a tag derived from the namespace and those 48, so {@code idFromString} can refuse a
 * string that is not an id of this namespace (a typo, or an id of another class) instead of
 * silently creating an empty entity.
 */
public final class EntityIds {
  /** Hex digits in an id. */
  public static final int HEX_LENGTH = 64;
  /** Random bytes a unique id needs. */
  public static final int UNIQUE_BYTES = 24;

  private static final HexFormat HEX = HexFormat.of();

  private EntityIds() {}

  /** The id {@code idFromName(name)} gives in {@code namespace}: the same name, the same id, always. */
  public static String fromName(String namespace, String name) {
    byte[] hash = sha256("cairn-entity-name\0" + namespace + "\0" + name);
    return tagged(namespace, HEX.formatHex(hash, 0, UNIQUE_BYTES));
  }

  /** The id {@code newUniqueId()} gives, from {@link #UNIQUE_BYTES} random bytes. */
  public static String fromRandom(String namespace, byte[] random) {
    if (random.length != UNIQUE_BYTES) throw new IllegalArgumentException("a unique id needs " + UNIQUE_BYTES + " random bytes");
    return tagged(namespace, HEX.formatHex(random));
  }

  /**
   * {@code text} if it is an id of {@code namespace}.
   *
   * @throws EntityStoreException {@code entity_invalid_id} when it is not 64 hex digits, or not of this namespace
   */
  public static String check(String namespace, String text) {
    if (text == null || text.length() != HEX_LENGTH || !text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
      throw EntityStoreException.invalidId(namespace, text, "an id is " + HEX_LENGTH + " lowercase hex digits");
    }
    if (!tagged(namespace, text.substring(0, 48)).equals(text)) {
      throw EntityStoreException.invalidId(namespace, text, "it is not an id of " + namespace
          + " (made by another namespace's idFromName/newUniqueId, or mistyped)");
    }
    return text;
  }

  private static String tagged(String namespace, String body) {
    byte[] tag = sha256("cairn-entity-tag\0" + namespace + "\0" + body);
    return body + HEX.formatHex(tag, 0, 8);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
