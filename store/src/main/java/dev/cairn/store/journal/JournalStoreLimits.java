package dev.cairn.store.journal;

/**
 * The bounds of a {@link SqliteJournalStore}; every queue and every transaction has one.
 *
 * @param appendQueueMax entries (a summary counts as one) accepted but not yet committed. Past it an
 *     append fails at once with {@code store_overloaded}: a caller is never parked behind a disk
 *     that cannot keep up, and memory stays bounded. A finished journal counts its entries, but at
 *     most {@code batchEntriesMax} (its size is bounded by the journal's own limits).
 * @param batchEntriesMax entries the writer puts into one transaction. Bigger batches share one
 *     fsync among more appends; smaller ones bound how long one commit holds the writer. A longer
 *     append is committed in pieces of this many, in order.
 * @param retentionChunkInvocationsMax invocations deleted per retention transaction, so that a large
 *     purge commits in steps instead of one huge write-ahead log.
 * @param lingerMs how long the writer may wait before committing finished stateless journals, which
 *     nobody waits for (see {@code GroupCommitQueue}): the most a stateless journal's commit is
 *     delayed, so with a crash of the process such a journal is lost only if it was still queued, as
 *     before. 0: never linger.
 * @param lingerEntriesMax entries of such journals that end a linger early (a batch worth committing).
 */
public record JournalStoreLimits(
    int appendQueueMax, int batchEntriesMax, int retentionChunkInvocationsMax, int lingerMs, int lingerEntriesMax) {
  /**
   * 65,536 queued entries (≈ 13 MB at 200 bytes), 4,096 entries per commit, 1,000 invocations per
   * purge step; finished stateless journals linger up to 10 ms or 2,048 entries. Why linger: on W1
   * (≈ 33k journals/s) the writer otherwise committed 2,400 times a second, 14 journals each, and
   * spent ≈ 13 µs of CPU per journal against ≈ 4 µs in large batches.
   */
  public static final JournalStoreLimits DEFAULTS = new JournalStoreLimits(65_536, 4_096, 1_000, 10, 2_048);

  /** Limits without lingering: every batch commits at once. */
  public JournalStoreLimits(int appendQueueMax, int batchEntriesMax, int retentionChunkInvocationsMax) {
    this(appendQueueMax, batchEntriesMax, retentionChunkInvocationsMax, 0, 0);
  }

  public JournalStoreLimits {
    if (appendQueueMax < 1 || batchEntriesMax < 1 || retentionChunkInvocationsMax < 1) {
      throw new IllegalArgumentException("journal store limits must be positive: appendQueueMax " + appendQueueMax
          + ", batchEntriesMax " + batchEntriesMax + ", retentionChunkInvocationsMax " + retentionChunkInvocationsMax);
    }
    if (lingerMs < 0 || lingerEntriesMax < 0 || (lingerMs == 0) != (lingerEntriesMax == 0)) {
      throw new IllegalArgumentException("lingerMs " + lingerMs + " and lingerEntriesMax " + lingerEntriesMax
          + " must both be positive (linger) or both 0 (never linger)");
    }
    if (lingerEntriesMax > appendQueueMax) {
      throw new IllegalArgumentException("lingerEntriesMax " + lingerEntriesMax
          + " exceeds appendQueueMax " + appendQueueMax + ": a linger could never end early");
    }
    if (batchEntriesMax > appendQueueMax) {
      throw new IllegalArgumentException("batchEntriesMax " + batchEntriesMax
          + " exceeds appendQueueMax " + appendQueueMax + ": a full batch could never be queued");
    }
  }
}
