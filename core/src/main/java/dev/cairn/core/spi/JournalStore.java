package dev.cairn.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Port: where invocation journals live (DESIGN.md §4). A journal is the ordered list of one
 * invocation's entries; the store treats each entry as opaque bytes (encoded and checksummed by the
 * journal codec in {@code core}) and knows nothing about their meaning. Next to each journal sits
 * an {@link InvocationSummary}: the columns a listing needs, written by the caller, so that listing
 * never decodes an entry.
 *
 * <p><b>Consistency contract</b> (every implementation):
 *
 * <ul>
 *   <li><b>Durable on completion.</b> The future of {@link #append} or {@link #putSummary} completes
 *       normally only once that write is durable (fsync'd). It may complete exceptionally; the write
 *       was then never acknowledged and may or may not be on disk (it never is for a rejected
 *       append: a gap, an overlap, an unknown invocation, an overloaded or closed store).
 *   <li><b>Order.</b> Writes are applied in the order their calls returned, across all
 *       invocations. When a future completes, every write whose call returned before it is durable
 *       too (or has failed). So a caller may pipeline: issue {@code putSummary}, then several
 *       appends, and wait only for the last future.
 *   <li><b>Contiguity.</b> An invocation's entries are indexed 0, 1, 2, … with no gap and no
 *       overlap. An append whose {@code firstIndex} is not the invocation's next index fails, and so
 *       does an append for an invocation with no summary. Checked against what the store holds, so
 *       the check survives a restart.
 *   <li><b>Reads see durable state.</b> {@link #read} and {@link #list} see exactly the writes
 *       whose futures have completed (and possibly some whose completion is still being delivered),
 *       never a write that could still be lost.
 *   <li><b>A crash loses only unacknowledged writes</b>: those whose futures had not completed.
 *       Since writes are applied in order, what survives is a prefix of each invocation's appends.
 * </ul>
 *
 * <p>Futures complete on the store's writer thread: continuations that block or take long belong in
 * {@code thenRunAsync}, and a continuation must never wait for another write's future (that write
 * needs the thread it is blocking).
 */
public interface JournalStore extends AutoCloseable {

  /**
   * Appends {@code encodedEntries} (at least one) to the journal of {@code invocationId}, the first
   * at index {@code firstIndex}. Never blocks on I/O; problems are reported through the future. Any
   * number of entries may be passed: an implementation may commit a long append in several
   * transactions (in order, so a crash leaves a prefix), and the future completes when all are durable.
   */
  CompletableFuture<Void> append(String invocationId, int firstIndex, List<byte[]> encodedEntries);

  /**
   * Stores the whole journal of an invocation that has already ended, together with its summary,
   * as one write: the cheap path for stateless invocations, whose journal is kept only once they
   * finished. The invocation must have no summary yet; otherwise the future fails with
   * {@code store_journal_overlap} and nothing is written. {@code entryCount} and {@code bytes} are
   * counted by the store. Same durability as {@link #append} once the future completes; but since
   * nobody waits for such a journal, an implementation may hold it back a bounded while to commit
   * many together (the SQLite store: up to {@code lingerMs}; call order is kept).
   *
   * <p>An implementation may seal such a journal (the SQLite store does, for ids minted by
   * {@code InvocationIds}): later appends to it are then refused. And for minted ids, which never
   * repeat, it may check "no summary yet" against summaries and the writes around it only.
   */
  CompletableFuture<Void> putFinished(InvocationSummary summary, List<byte[]> encodedEntries);

  /**
   * Creates or replaces the summary of {@code summary.invocationId()}. Call it before the first
   * append (appends to an invocation without a summary are rejected) and again when the status or
   * duration changes. The store counts {@code entryCount} and {@code bytes} itself as entries are
   * appended; the values passed here are ignored. Same durability and order as {@link #append}.
   */
  CompletableFuture<Void> putSummary(InvocationSummary summary);

  /** The durable entries of an invocation in index order; empty when there are none. */
  List<byte[]> read(String invocationId);

  /** The summary of an invocation, if one was written and not deleted. */
  Optional<InvocationSummary> summary(String invocationId);

  /** Summaries matching {@code query}, newest {@code startedAtMs} first, at most {@code query.limit()}. */
  List<InvocationSummary> list(Query query);

  /**
   * Retention by age: deletes every finished (completed or failed) invocation started before
   * {@code cutoffMs}, journal and summary together. Running invocations are kept whatever their
   * age: a waiting workflow's journal is its only state. Returns how many invocations were deleted.
   */
  long deleteOlderThan(long cutoffMs);

  /**
   * Retention by size: deletes finished invocations, oldest started first, until the entries of
   * all remaining invocations total at most {@code maxBytes} (or only running ones remain).
   * Returns how many invocations were deleted.
   */
  long deleteToFitBytes(long maxBytes);

  /**
   * Stops accepting writes, makes every write already accepted durable (or fails it), and releases
   * the files. Later calls fail with {@code store_closed}. Closing twice is harmless.
   */
  @Override
  void close();

  /** Where an invocation stands. Stored as its lower-case name. */
  enum Status {
    RUNNING,
    COMPLETED,
    FAILED;

    /** {@code running}, {@code completed} or {@code failed}: the stored and displayed form. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One row of a listing.
   *
   * @param invocationId the invocation, as minted by {@code InvocationIds}
   * @param target the service (or entity / workflow type) that was invoked
   * @param kind what sort of invocation: for example {@code request}, {@code cron}, {@code workflow}
   * @param startedAtMs wall-clock start, milliseconds since the epoch (from the {@code Clock} port)
   * @param durationMs how long it ran; 0 while running
   * @param entryCount journal entries stored, counted by the store
   * @param bytes encoded bytes of those entries, counted by the store
   */
  record InvocationSummary(
      String invocationId,
      String target,
      String kind,
      Status status,
      long startedAtMs,
      long durationMs,
      long entryCount,
      long bytes) {
    public InvocationSummary {
      if (invocationId == null || invocationId.isEmpty() || target == null || kind == null || status == null) {
        throw new IllegalArgumentException("invocationId, target, kind and status are required");
      }
      if (durationMs < 0 || entryCount < 0 || bytes < 0) {
        throw new IllegalArgumentException("durationMs, entryCount and bytes cannot be negative");
      }
    }

    /** A summary to pass to {@link JournalStore#putSummary}: the counts are the store's to keep. */
    public static InvocationSummary of(
        String invocationId, String target, String kind, Status status, long startedAtMs, long durationMs) {
      return new InvocationSummary(invocationId, target, kind, status, startedAtMs, durationMs, 0, 0);
    }
  }

  /**
   * A listing filter: optional target and status, invocations started at or after {@code sinceMs},
   * at most {@code limit} rows (1 to {@link #LIMIT_MAX}).
   */
  record Query(Optional<String> target, Optional<Status> status, long sinceMs, int limit) {
    /** The most rows one listing returns; page with {@code sinceMs} beyond that. */
    public static final int LIMIT_MAX = 10_000;

    public Query {
      if (target == null || status == null) {
        throw new IllegalArgumentException("target and status are Optional, never null");
      }
      if (limit < 1 || limit > LIMIT_MAX) {
        throw new IllegalArgumentException("limit must be 1.." + LIMIT_MAX + ", was " + limit);
      }
    }

    /** Everything started at or after {@code sinceMs}, up to {@code limit} rows. */
    public static Query since(long sinceMs, int limit) {
      return new Query(Optional.empty(), Optional.empty(), sinceMs, limit);
    }

    public Query withTarget(String target) {
      return new Query(Optional.of(target), status, sinceMs, limit);
    }

    public Query withStatus(Status status) {
      return new Query(target, Optional.of(status), sinceMs, limit);
    }
  }
}
