package dev.cairn.store.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: deletes whole finished invocations (summary and journal together), oldest started
 * first, one chunk of at most {@code retentionChunkInvocationsMax} per transaction. Runs on the
 * writer thread, so it never races an append; and one chunk at a time ({@link #step}), the writer
 * putting the rest behind the appends queued meanwhile. Why: at W1 rates a minute of traffic is
 * millions of invocations, and a purge that held the writer for all of them filled the append queue
 * (measured: journals refused with {@code store_overloaded}).
 *
 * <p>Finished blocks ({@link JournalSchema}) are deleted whole, after the row-per-journal kind; under
 * the size rule the last block needed is written again without its oldest journals instead, so
 * that the rule keeps the newest journals that fit, as with rows.
 *
 * <p>Running invocations are never deleted: a waiting workflow's journal is its only state, and
 * losing it would lose the workflow. Age is measured from {@code started_at_ms}, the column the
 * index serves. The size rule uses the writer's running total of stored bytes, not a scan.
 */
final class JournalRetention {
  /** Which invocations to delete. */
  sealed interface Rule {}

  /** Finished invocations started before {@code cutoffMs}. */
  record OlderThan(long cutoffMs) implements Rule {}

  /** Finished invocations, oldest first, until all remaining entries total at most {@code maxBytes}. */
  record ToFitBytes(long maxBytes) implements Rule {}

  /** What one step did: invocations and entry bytes deleted, and whether the rule wants more. */
  record Step(long deleted, long bytes, boolean more) {}

  private static final String OLDEST_FINISHED = "SELECT invocation_id, bytes FROM invocations"
      + " WHERE status <> 'running' AND started_at_ms < ? ORDER BY started_at_ms, invocation_id LIMIT ?";

  private JournalRetention() {}

  /**
   * Deletes one chunk under {@code rule} inside the open transaction (the caller commits), given
   * the store's {@code totalBytes} of entries.
   */
  static Step step(Connection connection, Rule rule, int chunkMax, long totalBytes, BlockWrites blockWrites) throws SQLException {
    long cutoffMs;
    long excess; // bytes the rule wants gone
    switch (rule) {
      case OlderThan(long c) -> {
        cutoffMs = c;
        excess = Long.MAX_VALUE;
      }
      case ToFitBytes(long maxBytes) -> {
        if (totalBytes <= maxBytes) {
          return new Step(0, 0, false);
        }
        cutoffMs = Long.MAX_VALUE;
        excess = totalBytes - maxBytes;
      }
    }
    Step rows = rowsStep(connection, cutoffMs, excess, chunkMax);
    if (rows.more() || rows.bytes() >= excess) {
      return rows;
    }
    Step blocks = blocksStep(connection, cutoffMs, excess - rows.bytes(), chunkMax - (int) rows.deleted(), blockWrites);
    return new Step(rows.deleted() + blocks.deleted(), rows.bytes() + blocks.bytes(), blocks.more());
  }

  /**
   * Finished journals kept one row each (ids not minted by Cairn, files from before blocks): these
   * go first, then blocks, oldest first; so "oldest first" holds within each kind.
   */
  private static Step rowsStep(Connection connection, long cutoffMs, long excess, int chunkMax) throws SQLException {
    List<String> ids = new ArrayList<>();
    long bytes = 0;
    try (PreparedStatement select = connection.prepareStatement(OLDEST_FINISHED)) {
      select.setLong(1, cutoffMs);
      select.setInt(2, chunkMax);
      try (ResultSet rows = select.executeQuery()) {
        while (bytes < excess && rows.next()) {
          ids.add(rows.getString(1));
          bytes += rows.getLong(2);
        }
      }
    }
    delete(connection, ids);
    // a short chunk means nothing else may go; a full one may have left more
    return new Step(ids.size(), bytes, ids.size() == chunkMax && bytes < excess);
  }

  /**
   * Whole blocks, oldest committed first, until about {@code chunkMax} journals or {@code excess}
   * bytes are gone. Under an age rule a block goes once its newest journal is older than the cutoff
   * (so a block's journals may outlive the cutoff by the block's own span). At least one block per
   * step, however many journals it holds, so that retention always moves.
   */
  private static Step blocksStep(Connection connection, long cutoffMs, long excess, int chunkMax, BlockWrites blockWrites)
      throws SQLException {
    if (excess <= 0) return new Step(0, 0, false);
    String select = cutoffMs == Long.MAX_VALUE
        ? "SELECT block_id, journals, bytes FROM finished_blocks ORDER BY block_id LIMIT ?"
        : "SELECT block_id, journals, bytes FROM finished_blocks WHERE max_started_ms < ? ORDER BY max_started_ms LIMIT ?";
    List<Long> blocks = new ArrayList<>();
    long journals = 0;
    long bytes = 0;
    boolean exhausted = true;
    long trimBlock = -1; // size rule: the block of which only the oldest journals must go
    try (PreparedStatement s = connection.prepareStatement(select)) {
      int p = 1;
      if (cutoffMs != Long.MAX_VALUE) s.setLong(p++, cutoffMs);
      s.setInt(p, Math.max(1, chunkMax) + 1);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          if (bytes >= excess || (!blocks.isEmpty() && journals >= chunkMax)) {
            exhausted = false; // one more block is there
            break;
          }
          if (cutoffMs == Long.MAX_VALUE && bytes + rows.getLong(3) > excess) {
            trimBlock = rows.getLong(1); // whole, it would take more than the rule asks
            exhausted = false;
            break;
          }
          blocks.add(rows.getLong(1));
          journals += rows.getLong(2);
          bytes += rows.getLong(3);
        }
      }
    }
    if (trimBlock >= 0) {
      BlockWrites.Trimmed t = blockWrites.trimOldest(trimBlock, excess - bytes);
      journals += t.journals();
      bytes += t.bytes();
    }
    deleteBlocks(connection, blocks);
    return new Step(journals, bytes, !exhausted && bytes < excess);
  }

  /** Deletes whole blocks, their tag rows with them (inside the caller's transaction). */
  static void deleteBlocks(Connection connection, List<Long> blocks) throws SQLException {
    deleteKeyed(connection, blocks, "block_id", "finished_block_tags", "finished_blocks");
  }

  /** Deletes the rows of {@code tables} whose {@code column} is one of {@code keys}, one batch per table, in that order. */
  private static void deleteKeyed(Connection connection, List<?> keys, String column, String... tables) throws SQLException {
    if (keys.isEmpty()) return;
    for (String table : tables) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE " + column + " = ?")) {
        for (Object key : keys) {
          delete.setObject(1, key);
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
  }

  /** The widest id-milliseconds span of a stored block (see {@link BlockSpan}), read once at open. */
  static long widestBlockSpanMs(Connection connection) throws SQLException {
    try (PreparedStatement max = connection.prepareStatement(
            // from the index on (min_id_ms, max_id_ms): a scan of small entries, not of the block rows
            "SELECT COALESCE(MAX(max_id_ms - min_id_ms), 0) FROM finished_blocks INDEXED BY finished_blocks_by_id_ms");
        ResultSet rows = max.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /** The entry bytes of every stored invocation: the running total's starting point, read once at open. */
  static long totalBytes(Connection connection) throws SQLException {
    try (PreparedStatement sum = connection.prepareStatement("SELECT (SELECT COALESCE(SUM(bytes), 0) FROM invocations)"
            + " + (SELECT COALESCE(SUM(bytes), 0) FROM finished_blocks)");
        ResultSet rows = sum.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static void delete(Connection connection, List<String> ids) throws SQLException {
    deleteKeyed(connection, ids, "invocation_id", "journal_entries", "invocations");
  }
}
