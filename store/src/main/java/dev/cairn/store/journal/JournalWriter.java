package dev.cairn.store.journal;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.store.StoreException;
import dev.cairn.store.commit.GroupCommitQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer: runs only on the store's own event loop, owns the write connection, and turns
 * each batch taken from the {@link GroupCommitQueue} into one transaction, hence one fsync, however many
 * appends it holds. Futures are completed after the commit returns, in queue order; a batch whose
 * commit fails is rolled back and every future in it fails with {@code store_io}, and the writer
 * carries on with the next batch.
 *
 * <p>Appends are checked here, against the database inside the transaction (so the check also
 * covers appends made before a restart): the invocation must have a summary and {@code firstIndex}
 * must equal its stored {@code entry_count}. A rejected append writes nothing and does not disturb
 * the rest of its batch.
 */
final class JournalWriter {
  /** A test seam: runs after a batch is written, just before its commit; may throw to fail it. */
  @FunctionalInterface
  interface CommitHook {
    void beforeCommit() throws SQLException;
  }

  private static final String UPSERT_SUMMARY = "INSERT INTO invocations"
      + " (invocation_id, target, kind, status, started_at_ms, duration_ms, entry_count, bytes)"
      + " VALUES (?, ?, ?, ?, ?, ?, 0, 0) ON CONFLICT (invocation_id) DO UPDATE SET"
      + " target = excluded.target, kind = excluded.kind, status = excluded.status,"
      + " started_at_ms = excluded.started_at_ms, duration_ms = excluded.duration_ms";

  private final Path file;
  private final Connection connection;
  private final GroupCommitQueue<JournalCommand> queue;
  private final JournalStoreLimits limits;
  private final PreparedStatement nextIndex;
  private final PreparedStatement insertEntry;
  private final PreparedStatement addCounts;
  private final PreparedStatement upsertSummary;
  private final FinishedRows finishedRows;
  private final BlockWrites blockWrites;
  private final Runnable lingerTimer;
  private boolean lingerDue; // writer thread only: the linger timer fired, so the next batch commits
  private long totalBytes; // writer thread only: entry bytes stored, kept up to date by every commit
  private final AtomicLong commits = new AtomicLong();
  private volatile CommitHook commitHook = () -> {};

  /** {@code lingerTimer} arranges for {@link #lingerOver} to run on the writer thread after {@code lingerMs}. */
  JournalWriter(Path file, Connection connection, GroupCommitQueue<JournalCommand> queue, JournalStoreLimits limits,
      long totalBytes, BlockSpan span, Runnable lingerTimer) throws SQLException {
    this.lingerTimer = lingerTimer;
    this.totalBytes = totalBytes;
    this.file = file;
    this.connection = connection;
    this.queue = queue;
    this.limits = limits;
    this.nextIndex = connection.prepareStatement("SELECT entry_count FROM invocations WHERE invocation_id = ?");
    this.insertEntry = connection.prepareStatement(
        "INSERT INTO journal_entries (invocation_id, idx, bytes) VALUES (?, ?, ?)");
    this.addCounts = connection.prepareStatement(
        "UPDATE invocations SET entry_count = entry_count + ?, bytes = bytes + ? WHERE invocation_id = ?");
    this.upsertSummary = connection.prepareStatement(UPSERT_SUMMARY);
    this.finishedRows = new FinishedRows(connection);
    this.blockWrites = new BlockWrites(connection, span);
  }

  /**
   * The drain task: takes and commits batches until the queue is empty, then goes idle; or lingers
   * (goes idle with its timer set) when only a few lazy journals are queued.
   */
  void drain() {
    do {
      while (true) {
        if (!lingerDue && queue.tryLinger()) {
          lingerTimer.run();
          return;
        }
        List<JournalCommand> batch = queue.takeBatch(limits.batchEntriesMax());
        if (batch.isEmpty()) {
          break;
        }
        run(batch);
        lingerDue = false;
      }
      lingerDue = false;
    } while (queue.idleOrContinue());
  }

  /** Writer thread: the linger timer fired; what lingered is committed now. */
  void lingerOver() {
    lingerDue = true;
    if (queue.endLinger()) {
      drain();
    }
  }

  /** Transactions committed so far: appends and summaries share them, so this grows far slower. */
  long commits() {
    return commits.get();
  }

  void commitHook(CommitHook hook) {
    this.commitHook = hook;
  }

  private void run(List<JournalCommand> batch) {
    switch (batch.getFirst()) {
      case JournalCommand.Maintenance(JournalRetention.Rule rule, long deletedSoFar, var done) -> {
        JournalRetention.Step step;
        try {
          step = JournalRetention.step(connection, rule, limits.retentionChunkInvocationsMax(), totalBytes, blockWrites);
          commit();
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly();
          queue.release(batch);
          done.completeExceptionally(StoreException.io(file, "retention " + rule, e));
          return;
        }
        queue.release(batch);
        totalBytes -= step.bytes();
        long deleted = deletedSoFar + step.deleted();
        if (!step.more()) {
          done.complete(deleted);
          return;
        }
        // the rest goes behind what was queued meanwhile; if the queue refuses it (closing), this run ends here
        queue.offer(new JournalCommand.Maintenance(rule, deleted, done)).ifPresent(refused -> done.complete(deleted));
      }
      case JournalCommand.Stop(var done) -> stop(done);
      case JournalCommand.Append a -> commitBatch(batch);
      case JournalCommand.PutSummary s -> commitBatch(batch);
      case JournalCommand.Finished f -> commitBatch(batch);
    }
  }

  /**
   * How many times a batch that SQLite refused as busy is rolled back and written again before its
   * futures fail. Seen once on W3 (a batch of 19 workflow writes failed with "database is locked"
   * while this is the file's only writer); a busy database is transient by nature, and a rolled-back
   * batch is safe to write again (its checks run again too).
   */
  static final int BUSY_RETRIES_MAX = 3;

  private void commitBatch(List<JournalCommand> batch) {
    for (int attempt = 0; ; attempt++) {
      try {
        commitBatchOnce(batch);
        return;
      } catch (BusyAgain busy) {
        if (attempt + 1 >= BUSY_RETRIES_MAX) {
          fail(batch, busy.getCause());
          return;
        }
        busyRetries.incrementAndGet();
      }
    }
  }

  /** A batch refused as busy, rolled back, to be written again. */
  private static final class BusyAgain extends Exception {
    BusyAgain(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** Batches written again after SQLite said busy (a diagnostic; expected to stay 0). */
  long busyRetries() {
    return busyRetries.get();
  }

  private final AtomicLong busyRetries = new AtomicLong();

  private static boolean isBusy(Throwable e) {
    return e instanceof org.sqlite.SQLiteException s && (s.getResultCode().code & 0xFF) == 5; // SQLITE_BUSY and its extended codes
  }

  private void fail(List<JournalCommand> batch, Throwable cause) {
    queue.release(batch);
    StoreException failure = StoreException.io(file, "commit of " + batch.size() + " writes", cause);
    for (JournalCommand command : batch) {
      done(command).completeExceptionally(failure);
    }
  }

  private void commitBatchOnce(List<JournalCommand> batch) throws BusyAgain {
    List<StoreException> rejections = new ArrayList<>(batch.size());
    long bytes = 0;
    try {
      // finished journals with minted ids, wherever they sit in the batch, go into one block (distinct
      // ids, so their place among the batch's appends does not matter); they are written last
      List<Integer> blocked = new ArrayList<>();
      List<JournalCommand.Finished> toBlock = new ArrayList<>();
      for (int i = 0; i < batch.size(); ) {
        if (batch.get(i) instanceof JournalCommand.Finished f && BlockWrites.fits(f.summary())) {
          blocked.add(i);
          toBlock.add(f);
          rejections.add(null); // filled in below
          i++;
          continue;
        }
        if (batch.get(i) instanceof JournalCommand.Finished) {
          // consecutive finished journals go in multi-row inserts: one statement for many rows
          int end = i;
          while (end < batch.size() && batch.get(end) instanceof JournalCommand.Finished f && !BlockWrites.fits(f.summary())) end++;
          List<JournalCommand.Finished> run = new ArrayList<>(end - i);
          for (int k = i; k < end; k++) run.add((JournalCommand.Finished) batch.get(k));
          rejections.addAll(finishedRows.write(run));
          i = end;
          continue;
        }
        rejections.add(switch (batch.get(i)) {
          case JournalCommand.Append a -> write(a);
          case JournalCommand.PutSummary s -> write(s.summary());
          case JournalCommand.Finished f -> throw new IllegalStateException("handled above");
          case JournalCommand.Maintenance m -> throw new IllegalStateException("maintenance inside a batch");
          case JournalCommand.Stop s -> throw new IllegalStateException("stop inside a batch");
        });
        i++;
      }
      if (!toBlock.isEmpty()) {
        List<StoreException> blockRejections = blockWrites.write(toBlock);
        for (int k = 0; k < blocked.size(); k++) rejections.set(blocked.get(k), blockRejections.get(k));
      }
      for (int i = 0; i < batch.size(); i++) {
        if (rejections.get(i) == null) bytes += bytes(batch.get(i));
      }
      commitHook.beforeCommit();
      commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      if (e instanceof SQLException sql && isBusy(sql)) throw new BusyAgain(sql);
      fail(batch, e);
      return;
    }
    totalBytes += bytes;
    queue.release(batch); // before completing: a caller whose future completed may append again at once
    for (int i = 0; i < batch.size(); i++) {
      StoreException rejection = rejections.get(i);
      if (rejection == null) {
        done(batch.get(i)).complete(null);
      } else {
        done(batch.get(i)).completeExceptionally(rejection);
      }
    }
  }

  /** Writes one append into the open transaction, or returns why it is refused (writing nothing). */
  private StoreException write(JournalCommand.Append append) throws SQLException {
    String id = append.invocationId();
    long expected;
    nextIndex.setString(1, id);
    try (ResultSet rows = nextIndex.executeQuery()) {
      if (!rows.next()) {
        return StoreException.unknownInvocation(id);
      }
      expected = rows.getLong(1);
    }
    if (append.firstIndex() > expected) {
      return StoreException.journalGap(id, expected, append.firstIndex());
    }
    if (append.firstIndex() < expected) {
      return StoreException.journalOverlap(id, expected, append.firstIndex());
    }
    long bytes = 0;
    int index = append.firstIndex();
    for (byte[] entry : append.encodedEntries()) {
      insertEntry.setString(1, id);
      insertEntry.setInt(2, index++);
      insertEntry.setBytes(3, entry);
      insertEntry.addBatch();
      bytes += entry.length;
    }
    insertEntry.executeBatch();
    addCounts.setLong(1, append.encodedEntries().size());
    addCounts.setLong(2, bytes);
    addCounts.setString(3, id);
    addCounts.executeUpdate();
    return null;
  }

  private StoreException write(InvocationSummary summary) throws SQLException {
    upsertSummary.setString(1, summary.invocationId());
    upsertSummary.setString(2, summary.target());
    upsertSummary.setString(3, summary.kind());
    upsertSummary.setString(4, summary.status().label());
    upsertSummary.setLong(5, summary.startedAtMs());
    upsertSummary.setLong(6, summary.durationMs());
    upsertSummary.executeUpdate();
    return null;
  }

  private void commit() throws SQLException {
    connection.commit();
    commits.incrementAndGet();
  }

  private void stop(CompletableFuture<Void> done) {
    try {
      connection.close();
      done.complete(null);
    } catch (SQLException e) {
      done.completeExceptionally(StoreException.io(file, "close", e));
    }
  }

  private void rollbackQuietly() {
    try {
      insertEntry.clearBatch();
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is in trouble; the next batch will report it with its own error.
    }
  }

  /** Entry bytes a written command adds to the store. */
  private static long bytes(JournalCommand command) {
    List<byte[]> entries = switch (command) {
      case JournalCommand.Append a -> a.encodedEntries();
      case JournalCommand.Finished f -> f.encodedEntries();
      default -> List.of();
    };
    long n = 0;
    for (byte[] e : entries) n += e.length;
    return n;
  }

  private static CompletableFuture<Void> done(JournalCommand command) {
    return switch (command) {
      case JournalCommand.Append a -> a.done();
      case JournalCommand.PutSummary s -> s.done();
      case JournalCommand.Finished f -> f.done();
      case JournalCommand.Maintenance m -> throw new IllegalStateException("maintenance inside a batch");
      case JournalCommand.Stop s -> s.done();
    };
  }
}
