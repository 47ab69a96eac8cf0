package dev.cairn.core.capability;

import java.nio.charset.StandardCharsets;

/**
 * The bounds of a {@code kv} capability, checked before any provider is called. Defaults follow
 * Workers KV where it has one (key 512 bytes, metadata 1024 bytes, 1000 keys per list page); values
 * default to 1 MiB, which every provider holds and a journal entry can record, and can be raised with
 * {@code valueBytesMax} up to what the provider can store.
 */
public record KvLimits(int keyBytesMax, long valueBytesMax, int metadataBytesMax, int listLimitMax) {
  public static final int KEY_BYTES_MAX_DEFAULT = 512;
  public static final long VALUE_BYTES_MAX_DEFAULT = 1L << 20;
  public static final int METADATA_BYTES_MAX_DEFAULT = 1024;
  public static final int LIST_LIMIT_MAX_DEFAULT = 1000;

  public static final KvLimits DEFAULTS =
      new KvLimits(KEY_BYTES_MAX_DEFAULT, VALUE_BYTES_MAX_DEFAULT, METADATA_BYTES_MAX_DEFAULT, LIST_LIMIT_MAX_DEFAULT);

  public KvLimits {
    if (keyBytesMax < 1 || valueBytesMax < 1 || metadataBytesMax < 0 || listLimitMax < 1) {
      throw new IllegalArgumentException("kv limits must be positive: " + keyBytesMax + ", " + valueBytesMax + ", "
          + metadataBytesMax + ", " + listLimitMax);
    }
  }

  public KvLimits withValueBytesMax(long max) {
    return new KvLimits(keyBytesMax, max, metadataBytesMax, listLimitMax);
  }

  /** A key is 1..keyBytesMax UTF-8 bytes and not "." or ".." (as in Workers KV). */
  public void checkKey(String capability, String key) {
    if (key.isEmpty()) throw CapabilityException.keyInvalid(capability, "key", "must not be empty");
    if (key.equals(".") || key.equals("..")) throw CapabilityException.keyInvalid(capability, "key", "must not be \".\" or \"..\"");
    int bytes = utf8Length(key);
    if (bytes > keyBytesMax) {
      throw CapabilityException.keyInvalid(capability, "key", bytes + " UTF-8 bytes, over keyBytesMax = " + keyBytesMax);
    }
  }

  public void checkValue(String capability, String provider, long bytes, String metadata) {
    if (bytes > valueBytesMax) {
      throw CapabilityException.tooLarge(capability, "the value for provider " + provider, bytes, "valueBytesMax", valueBytesMax);
    }
    int metaBytes = utf8Length(metadata);
    if (metaBytes > metadataBytesMax) {
      throw CapabilityException.tooLarge(capability, "the metadata", metaBytes, "metadataBytesMax", metadataBytesMax);
    }
  }

  public void checkList(String capability, String prefix, int limit) {
    if (limit < 1 || limit > listLimitMax) {
      throw CapabilityException.invalidArgument(capability, "list limit " + limit + " is not in 1.." + listLimitMax);
    }
    if (utf8Length(prefix) > keyBytesMax) {
      throw CapabilityException.keyInvalid(capability, "prefix", "over keyBytesMax = " + keyBytesMax);
    }
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
