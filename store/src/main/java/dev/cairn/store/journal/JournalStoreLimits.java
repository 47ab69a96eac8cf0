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
 */
public record JournalStoreLimits(int appendQueueMax, int batchEntriesMax, int retentionChunkInvocationsMax) {
  /** 65,536 queued entries (≈ 13 MB at 200 bytes), 4,096 entries per commit, 1,000 invocations per purge step. */
  public static final JournalStoreLimits DEFAULTS = new JournalStoreLimits(65_536, 4_096, 1_000);

  public JournalStoreLimits {
    if (appendQueueMax < 1 || batchEntriesMax < 1 || retentionChunkInvocationsMax < 1) {
      throw new IllegalArgumentException("journal store limits must be positive: appendQueueMax " + appendQueueMax
          + ", batchEntriesMax " + batchEntriesMax + ", retentionChunkInvocationsMax " + retentionChunkInvocationsMax);
    }
    if (batchEntriesMax > appendQueueMax) {
      throw new IllegalArgumentException("batchEntriesMax " + batchEntriesMax
          + " exceeds appendQueueMax " + appendQueueMax + ": a full batch could never be queued");
    }
  }
}
