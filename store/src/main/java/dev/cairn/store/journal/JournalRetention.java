package dev.cairn.store.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: deletes whole finished invocations (summary and journal together), oldest started
 * first, in chunks of {@code retentionChunkInvocationsMax} per transaction. Runs on the writer
 * thread, so it never races an append; appends queue behind it meanwhile.
 *
 * <p>Running invocations are never deleted: a waiting workflow's journal is its only state, and
 * losing it would lose the workflow. Age is measured from {@code started_at_ms}, the column the
 * index serves.
 */
final class JournalRetention {
  /** Which invocations to delete. */
  sealed interface Rule {}

  /** Finished invocations started before {@code cutoffMs}. */
  record OlderThan(long cutoffMs) implements Rule {}

  /** Finished invocations, oldest first, until all remaining entries total at most {@code maxBytes}. */
  record ToFitBytes(long maxBytes) implements Rule {}

  /** Commits the current transaction (and counts it). */
  @FunctionalInterface
  interface Committer {
    void commit() throws SQLException;
  }

  private static final String OLDEST_FINISHED = "SELECT invocation_id, bytes FROM invocations"
      + " WHERE status <> 'running' AND started_at_ms < ? ORDER BY started_at_ms, invocation_id LIMIT ?";

  private JournalRetention() {}

  /** Applies {@code rule}; returns how many invocations were deleted. */
  static long apply(Connection connection, Rule rule, int chunkMax, Committer committer) throws SQLException {
    return switch (rule) {
      case OlderThan(long cutoffMs) -> deleteOlderThan(connection, cutoffMs, chunkMax, committer);
      case ToFitBytes(long maxBytes) -> deleteToFit(connection, maxBytes, chunkMax, committer);
    };
  }

  private static long deleteOlderThan(Connection connection, long cutoffMs, int chunkMax, Committer committer)
      throws SQLException {
    long deleted = 0;
    while (true) {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(OLDEST_FINISHED)) {
        select.setLong(1, cutoffMs);
        select.setInt(2, chunkMax);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
        }
      }
      deleted += delete(connection, ids, committer);
      if (ids.size() < chunkMax) {
        return deleted;
      }
    }
  }

  private static long deleteToFit(Connection connection, long maxBytes, int chunkMax, Committer committer)
      throws SQLException {
    long total;
    try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(bytes), 0) FROM invocations");
        ResultSet rows = sum.executeQuery()) {
      total = rows.next() ? rows.getLong(1) : 0;
    }
    long deleted = 0;
    while (total > maxBytes) {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(OLDEST_FINISHED)) {
        select.setLong(1, Long.MAX_VALUE);
        select.setInt(2, chunkMax);
        try (ResultSet rows = select.executeQuery()) {
          while (total > maxBytes && rows.next()) {
            ids.add(rows.getString(1));
            total -= rows.getLong(2);
          }
        }
      }
      if (ids.isEmpty()) {
        break; // only running invocations remain
      }
      deleted += delete(connection, ids, committer);
    }
    return deleted;
  }

  private static long delete(Connection connection, List<String> ids, Committer committer) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
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
    committer.commit();
    return ids.size();
  }
}
