package dev.cairn.store.journal;

import dev.cairn.core.Invariants;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Query;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads on a connection of their own, so they never queue behind the writer: in WAL mode a reader
 * sees the last committed snapshot while a commit is being written and fsync'd. The lock only
 * serialises use of this one connection (JDBC connections are not thread-safe); no write, hence no
 * fsync, ever happens under it.
 *
 * <p>An invocation is looked up first among the summary rows, then among the finished blocks
 * ({@link BlockReads}); a listing merges both, newest first.
 */
final class JournalReader {
  private static final String SUMMARY_COLUMNS =
      "invocation_id, target, kind, status, started_at_ms, duration_ms, entry_count, bytes";

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final PreparedStatement entries;
  private final PreparedStatement summary;
  private final PreparedStatement packed;
  private final BlockReads blocks;
  private boolean closed; // guarded by lock

  JournalReader(Path file, Connection connection, BlockSpan span) throws SQLException {
    this.file = file;
    this.connection = connection;
    this.entries = connection.prepareStatement(
        "SELECT idx, n, bytes FROM journal_entries WHERE invocation_id = ? ORDER BY idx");
    this.summary = connection.prepareStatement(
        "SELECT " + SUMMARY_COLUMNS + " FROM invocations WHERE invocation_id = ?");
    this.packed = connection.prepareStatement(
        "SELECT packed FROM invocations WHERE invocation_id = ? AND packed IS NOT NULL");
    this.blocks = new BlockReads(file, connection, span);
  }

  /**
   * The journal in index order; checks again that the indexes run 0, 1, 2, … without a hole. A
   * damaged packed row ends the read: its remaining bytes come back as one last entry, which the
   * journal codec rejects (see {@link PackedEntries}).
   */
  List<byte[]> read(String invocationId) {
    lock.lock();
    try {
      requireOpen();
      List<byte[]> result = new ArrayList<>();
      Optional<BlockReads.Found> inBlock = rowSummary(invocationId).isPresent() ? Optional.empty() : blocks.find(invocationId);
      if (inBlock.isPresent()) {
        byte[] packedEntries = blocks.packed(inBlock.get());
        if (packedEntries != null) PackedEntries.unpackAll(packedEntries, result);
        return result; // sealed: nothing follows a block journal
      }
      // a finished journal stored at once sits in its summary row; appends, if any, follow in journal_entries
      packed.setString(1, invocationId);
      try (ResultSet row = packed.executeQuery()) {
        if (row.next() && !PackedEntries.unpackAll(row.getBytes(1), result)) {
          return result;
        }
      }
      entries.setString(1, invocationId);
      try (ResultSet rows = entries.executeQuery()) {
        while (rows.next()) {
          long index = rows.getLong(1);
          long count = rows.getLong(2);
          Invariants.check(index == result.size(), "journal %s: entry %s stored where %s was expected",
              invocationId, index, result.size());
          Invariants.check(count >= 1, "journal %s: row at %s holds %s entries", invocationId, index, count);
          if (count == 1) {
            result.add(rows.getBytes(3));
          } else if (!PackedEntries.unpack(rows.getBytes(3), count, result)) {
            break;
          }
        }
      }
      return result;
    } catch (SQLException e) {
      throw StoreException.io(file, "read journal " + invocationId, e);
    } finally {
      lock.unlock();
    }
  }

  Optional<InvocationSummary> summary(String invocationId) {
    lock.lock();
    try {
      requireOpen();
      Optional<InvocationSummary> row = rowSummary(invocationId);
      return row.isPresent() ? row : blocks.find(invocationId).map(found -> found.item().summary());
    } catch (SQLException e) {
      throw StoreException.io(file, "read summary " + invocationId, e);
    } finally {
      lock.unlock();
    }
  }

  /** Newest first; the filters pick the matching index (by target, the partial status index, or by time). */
  List<InvocationSummary> list(Query query) {
    StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM invocations WHERE started_at_ms >= ?");
    query.target().ifPresent(t -> sql.append(" AND target = ?"));
    // The status is written as a literal (an enum's label, never user text) so that SQLite can use
    // the partial index on statuses other than 'completed'.
    query.status().ifPresent(s -> sql.append(" AND status = '").append(s.label()).append('\''));
    sql.append(" ORDER BY started_at_ms DESC, invocation_id DESC LIMIT ?");
    lock.lock();
    try {
      requireOpen();
      try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
        int p = 1;
        select.setLong(p++, query.sinceMs());
        if (query.target().isPresent()) {
          select.setString(p++, query.target().get());
        }
        select.setInt(p, query.limit());
        // the newest `limit` of the summary rows and the blocks: a heap holding the oldest kept on top
        java.util.PriorityQueue<InvocationSummary> kept = new java.util.PriorityQueue<>(NEWEST_FIRST.reversed());
        java.util.function.Consumer<InvocationSummary> offer = s -> {
          kept.add(s);
          if (kept.size() > query.limit()) kept.poll();
        };
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            offer.accept(toSummary(rows));
          }
        }
        // a later block can hold nothing newer than what is kept once it is full and the block's newest is older
        blocks.list(query, newest -> kept.size() >= query.limit() && newest < kept.peek().startedAtMs(), offer);
        List<InvocationSummary> result = new ArrayList<>(kept);
        result.sort(NEWEST_FIRST);
        return result;
      }
    } catch (SQLException e) {
      throw StoreException.io(file, "list invocations", e);
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      blocks.clear();
      connection.close();
    } catch (SQLException e) {
      throw StoreException.io(file, "close reader", e);
    } finally {
      lock.unlock();
    }
  }

  /** Newest start first, then the larger id first: the order of every listing. */
  private static final java.util.Comparator<InvocationSummary> NEWEST_FIRST = java.util.Comparator
      .comparingLong(InvocationSummary::startedAtMs).reversed()
      .thenComparing(InvocationSummary::invocationId, java.util.Comparator.reverseOrder());

  /** The summary row of an invocation (not a block's), under the lock. */
  private Optional<InvocationSummary> rowSummary(String invocationId) throws SQLException {
    summary.setString(1, invocationId);
    try (ResultSet rows = summary.executeQuery()) {
      return rows.next() ? Optional.of(toSummary(rows)) : Optional.empty();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw StoreException.closed(file);
    }
  }

  private static InvocationSummary toSummary(ResultSet rows) throws SQLException {
    return new InvocationSummary(
        rows.getString(1),
        rows.getString(2),
        rows.getString(3),
        Status.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
        rows.getLong(5),
        rows.getLong(6),
        rows.getLong(7),
        rows.getLong(8));
  }
}
