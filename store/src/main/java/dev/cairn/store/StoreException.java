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

  /**
   * More writes are queued than the store accepts ({@code appendQueueMax}): the disk is not keeping
   * up. Failing fast lets the caller shed load or retry later instead of blocking forever.
   */
  public static StoreException overloaded(Path file, long queuedEntries, long queueMax) {
    return new StoreException("store_overloaded", 503,
        file + ": write queue full (" + queuedEntries + " entries queued, appendQueueMax " + queueMax + ")", null);
  }

  /** An append skipped indexes: the journal would have a hole. Nothing was written. */
  public static StoreException journalGap(String invocationId, long expectedIndex, long firstIndex) {
    return new StoreException("store_journal_gap", 409, "journal " + invocationId + ": append at index "
        + firstIndex + " leaves a gap, the next index is " + expectedIndex, null);
  }

  /** An append rewrote indexes already stored: journals are append-only. Nothing was written. */
  public static StoreException journalOverlap(String invocationId, long expectedIndex, long firstIndex) {
    return new StoreException("store_journal_overlap", 409, "journal " + invocationId + ": append at index "
        + firstIndex + " overlaps entries already stored, the next index is " + expectedIndex, null);
  }

  /** A finished journal for an invocation that already has a summary (and perhaps entries). Nothing was written. */
  public static StoreException journalExists(String invocationId) {
    return new StoreException("store_journal_overlap", 409, "journal " + invocationId
        + ": the invocation is already stored; a finished journal is written once, before anything else", null);
  }

  /** An append for an invocation whose summary was never written (or was deleted by retention). */
  public static StoreException unknownInvocation(String invocationId) {
    return new StoreException("store_unknown_invocation", 404, "journal " + invocationId
        + ": no such invocation (write its summary before appending; retention may have deleted it)", null);
  }
}
