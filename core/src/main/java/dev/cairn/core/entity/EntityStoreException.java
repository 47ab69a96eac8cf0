package dev.cairn.core.entity;

/**
 * Entity storage refused or failed a call. Codes, stable once released:
 *
 * <ul>
 *   <li>{@code entity_key_too_long}, {@code entity_value_too_large}, {@code entity_too_many_keys},
 *       {@code entity_storage_exceeded}: a {@link EntityLimits} bound; nothing of the call was
 *       written
 *   <li>{@code entity_invalid_argument}: a list option or alarm time that means nothing
 *   <li>{@code entity_invalid_id}: a string given to {@code idFromString} that is no id of the namespace
 *   <li>{@code entity_broken}: the instance lost its storage (a failed commit); it is re-created on the next call
 *   <li>{@code entity_store_overloaded}: the write queue is full; retry later, nothing was written
 *   <li>{@code entity_store_io}: the disk failed; the batch was not acknowledged
 *   <li>{@code entity_store_closed}: used after close (the node is stopping)
 * </ul>
 *
 * <p>Limit errors name the limit, its value and what the call needed, so a user can tell which of
 * their keys or values is at fault without reading Cairn's source.
 */
public final class EntityStoreException extends dev.cairn.core.CairnException {
  private EntityStoreException(String code, int httpStatus, String message, Throwable cause) {
    super(code, httpStatus, message, cause);
  }

  public static EntityStoreException keyTooLong(String key, long bytes, long keyBytesMax) {
    return new EntityStoreException("entity_key_too_long", 400, "key " + preview(key) + " is " + bytes
        + " bytes (UTF-8), keyBytesMax is " + keyBytesMax, null);
  }

  public static EntityStoreException valueTooLarge(String key, long bytes, long valueBytesMax) {
    return new EntityStoreException("entity_value_too_large", 400, "value of key " + preview(key) + " is " + bytes
        + " bytes, valueBytesMax is " + valueBytesMax, null);
  }

  /** {@code limitName} is {@code keysPerCallMax} or {@code batchKeysMax}. */
  public static EntityStoreException tooManyKeys(int keys, String limitName, int limit) {
    return new EntityStoreException("entity_too_many_keys", 400, keys + " keys in one call, " + limitName + " is "
        + limit, null);
  }

  public static EntityStoreException storageExceeded(EntityAddress entity, long bytesAfter, long entityBytesMax) {
    return new EntityStoreException("entity_storage_exceeded", 400, "entity " + entity + " would hold " + bytesAfter
        + " bytes, entityBytesMax is " + entityBytesMax + "; nothing of this write was stored", null);
  }

  public static EntityStoreException invalidId(String namespace, String text, String why) {
    return new EntityStoreException("entity_invalid_id", 400, "idFromString(" + preview(String.valueOf(text)) + ") in "
        + namespace + ": " + why, null);
  }

  /** The instance's writes could not be made durable; its in-memory state is gone with it. */
  public static EntityStoreException broken(EntityAddress entity, String why) {
    return new EntityStoreException("entity_broken", 500, entity + ": storage failed, the instance was reset: " + why, null);
  }

  public static EntityStoreException invalidArgument(String detail) {
    return new EntityStoreException("entity_invalid_argument", 400, detail, null);
  }

  static EntityStoreException invalidListOption(String detail) {
    return invalidArgument("list: " + detail);
  }

  public static EntityStoreException overloaded(long queuedKeys, long queueKeysMax) {
    return new EntityStoreException("entity_store_overloaded", 503, "entity write queue full (" + queuedKeys
        + " keys queued, queueKeysMax " + queueKeysMax + "); retry later, nothing was written", null);
  }

  public static EntityStoreException io(String where, String operation, Throwable cause) {
    return new EntityStoreException("entity_store_io", 500, where + ": " + operation + " failed: "
        + cause.getMessage(), cause);
  }

  public static EntityStoreException closed(String where) {
    return new EntityStoreException("entity_store_closed", 503, where + ": entity storage is closed", null);
  }

  private static String preview(String key) {
    return key.length() <= 40 ? "\"" + key + "\"" : "\"" + key.substring(0, 40) + "…\" (" + key.length() + " chars)";
  }
}
