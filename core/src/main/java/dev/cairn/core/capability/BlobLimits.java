package dev.cairn.core.capability;

import java.util.Map;

/**
 * The bounds of a {@code blob} capability: keys up to 1024 bytes (R2's limit), bodies up to 16 MiB
 * (the default request body limit, so whatever a request brings can be stored), custom metadata up to
 * 2 KiB, 1000 objects per list page.
 */
public record BlobLimits(int keyBytesMax, long bodyBytesMax, int metadataBytesMax, int listLimitMax) {
  public static final int KEY_BYTES_MAX_DEFAULT = 1024;
  public static final long BODY_BYTES_MAX_DEFAULT = 16L << 20;
  public static final int METADATA_BYTES_MAX_DEFAULT = 2048;
  public static final int LIST_LIMIT_MAX_DEFAULT = 1000;

  public static final BlobLimits DEFAULTS =
      new BlobLimits(KEY_BYTES_MAX_DEFAULT, BODY_BYTES_MAX_DEFAULT, METADATA_BYTES_MAX_DEFAULT, LIST_LIMIT_MAX_DEFAULT);

  public BlobLimits {
    if (keyBytesMax < 1 || bodyBytesMax < 1 || metadataBytesMax < 0 || listLimitMax < 1) {
      throw new IllegalArgumentException("blob limits must be positive");
    }
  }

  public BlobLimits withBodyBytesMax(long max) {
    return new BlobLimits(keyBytesMax, max, metadataBytesMax, listLimitMax);
  }

  public void checkKey(String capability, String key) {
    new KvLimits(keyBytesMax, 1, 0, 1).checkKey(capability, key);
  }

  public void checkPut(String capability, String provider, long bytes, String contentType, Map<String, String> metadata) {
    if (bytes > bodyBytesMax) {
      throw CapabilityException.tooLarge(capability, "the object body for provider " + provider, bytes, "bodyBytesMax", bodyBytesMax);
    }
    long metaBytes = KvLimits.utf8Length(contentType);
    for (var e : metadata.entrySet()) metaBytes += KvLimits.utf8Length(e.getKey()) + KvLimits.utf8Length(e.getValue());
    if (metaBytes > metadataBytesMax) {
      throw CapabilityException.tooLarge(capability, "the object's metadata", metaBytes, "metadataBytesMax", metadataBytesMax);
    }
  }

  public void checkList(String capability, String prefix, int limit) {
    new KvLimits(keyBytesMax, 1, 0, listLimitMax).checkList(capability, prefix, limit);
  }
}
