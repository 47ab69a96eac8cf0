package dev.cairn.store;

import dev.cairn.core.CairnException;
import java.nio.file.Path;

/**
 * Storage failed. The store module's one error family: callers cannot repair a broken disk, so
 * these are unchecked and carry a stable code for logs and the admin API. A failed {@code put}
 * means the value may or may not be on disk; it was never acknowledged as durable.
 */
public final class StoreException extends CairnException {
  private StoreException(String code, int httpStatus, String message, Throwable cause) {
    super(code, httpStatus, message, cause);
  }

  /** The database could not be read or written (disk full, permissions, corruption, I/O error). */
  public static StoreException io(Path file, String operation, Throwable cause) {
    return new StoreException("store_io", 500, file + ": " + operation + " failed: " + cause.getMessage(), cause);
  }

  /** The store was used after {@code close()}: the node is shutting down. */
  public static StoreException closed(Path file) {
    return new StoreException("store_closed", 503, file + ": storage is closed", null);
  }
}
