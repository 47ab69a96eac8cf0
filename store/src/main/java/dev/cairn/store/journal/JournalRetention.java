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
  static Step step(Connection connection, Rule rule, int chunkMax, long totalBytes) throws SQLException {
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

  /** The entry bytes of every stored invocation: the running total's starting point, read once at open. */
  static long totalBytes(Connection connection) throws SQLException {
    try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(bytes), 0) FROM invocations");
        ResultSet rows = sum.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static void delete(Connection connection, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement entries = connection.prepareStatement("DELETE FROM journal_entries WHERE invocation_id = ?");
        PreparedStatement summaries = connection.prepareStatement("DELETE FROM invocations WHERE invocation_id = ?")) {
      for (String id : ids) {
        entries.setString(1, id);
        entries.addBatch();
        summaries.setString(1, id);
        summaries.addBatch();
      }
      entries.executeBatch();
      summaries.executeBatch();
    }
  }
}
