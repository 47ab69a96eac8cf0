package dev.cairn.core.entity;

import java.util.Collection;
import java.util.Map;

/**
 * The bounds of entity storage that a user can run into, with Cloudflare's values as defaults so
 * that Durable Objects code that works there works here. Every {@link dev.cairn.core.spi.EntityStore}
 * enforces them with the same checks ({@link #checkBatch}, {@link #checkKeys}) before anything is
 * queued, so a refused call writes nothing.
 *
 * @param keyBytesMax a key's length in UTF-8 bytes (a lone surrogate counts 3)
 * @param valueBytesMax a value's encoded length
 * @param keysPerCallMax keys in one multi-key read
 * @param batchKeysMax keys put or deleted in one {@link WriteBatch} (one event may call put many
 *     times; the batch bounds the transaction and the writer's queue)
 * @param entityBytesMax what one entity may hold: the sum of its keys' UTF-16-preserving encoded
 *     lengths and its values' lengths, counted by the store inside the commit
 */
public record EntityLimits(int keyBytesMax, int valueBytesMax, int keysPerCallMax, int batchKeysMax,
    long entityBytesMax) {
  /** 2 KiB keys, 128 KiB values, 128 keys per read (Workers' limits), 4,096 keys per batch, 1 GiB per entity. */
  public static final EntityLimits DEFAULTS = new EntityLimits(2_048, 128 * 1024, 128, 4_096, 1L << 30);

  public EntityLimits {
    if (keyBytesMax < 1 || valueBytesMax < 0 || keysPerCallMax < 1 || batchKeysMax < 1 || entityBytesMax < 0) {
      throw new IllegalArgumentException("entity limits must be positive: " + keyBytesMax + ", " + valueBytesMax
          + ", " + keysPerCallMax + ", " + batchKeysMax + ", " + entityBytesMax);
    }
  }

  /** Refuses a multi-key read of too many keys or of a key that could never have been stored. */
  public void checkKeys(Collection<String> keys) {
    if (keys.size() > keysPerCallMax) {
      throw EntityStoreException.tooManyKeys(keys.size(), "keysPerCallMax", keysPerCallMax);
    }
    keys.forEach(this::checkKey);
  }

  public void checkKey(String key) {
    long bytes = utf8Bytes(key);
    if (bytes > keyBytesMax) {
      throw EntityStoreException.keyTooLong(key, bytes, keyBytesMax);
    }
  }

  /** Everything about a batch that can be checked without the stored data (not the entity's total). */
  public void checkBatch(WriteBatch batch) {
    if (batch.keys() > batchKeysMax) {
      throw EntityStoreException.tooManyKeys(batch.keys(), "batchKeysMax", batchKeysMax);
    }
    for (Map.Entry<String, byte[]> put : batch.puts().entrySet()) {
      checkKey(put.getKey());
      if (put.getValue().length > valueBytesMax) {
        throw EntityStoreException.valueTooLarge(put.getKey(), put.getValue().length, valueBytesMax);
      }
    }
    batch.deletes().forEach(this::checkKey);
  }

  /** UTF-8 length without encoding: 1–3 bytes per char, 4 per surrogate pair, 3 per lone surrogate. */
  static long utf8Bytes(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
