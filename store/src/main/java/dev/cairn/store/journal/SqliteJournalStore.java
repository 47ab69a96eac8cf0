package dev.cairn.store.journal;

import dev.cairn.core.Invariants;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.Scheduler;
import dev.cairn.store.StoreException;
import dev.cairn.store.commit.GroupCommitQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link JournalStore} in its own SQLite file, with group commit.
 *
 * <p><b>Why group commit.</b> A durable commit costs one fsync (≈ 120 µs here), which caps SQLite at
 * ≈ 6k commits/s whatever their size, while 64 entries per commit reach ≈ 86k entries/s (FACTS.md,
 * Storage). So callers never commit: {@link #append} queues its entries and returns a future; one
 * writer thread takes everything queued (up to {@code batchEntriesMax}), writes it in one
 * transaction, commits (one fsync), then completes all those futures. While it fsyncs, the next
 * batch gathers. Under load batches grow by themselves; alone, an append commits at once.
 *
 * <p><b>Threads and locks.</b> The writer is an {@link EventLoop} obtained from the
 * {@link Scheduler} port (no thread of our own: the simulator can drive it). Callers only touch a
 * lock-free queue and a short admission lock; no caller ever waits on a lock held across an fsync.
 * A full queue ({@code appendQueueMax} entries) fails the append at once with
 * {@code store_overloaded}. Reads use a second connection and see the last commit.
 *
 * <p><b>Durability.</b> WAL with {@code synchronous=FULL}: a completed future means the entries
 * are in the fsync'd log. Finished stateless journals ({@link #putFinished}) may wait up to
 * {@code lingerMs} before their commit starts, so that they commit in large batches. A crash loses only writes whose futures had not completed, and since the
 * queue is FIFO what survives is a prefix of what was submitted.
 *
 * <p>One store per file and per process, like {@code SqliteStorage}. Futures complete on the
 * writer thread (see the port's Javadoc for what a continuation must not do there).
 */
public final class SqliteJournalStore implements JournalStore {
  private final Path file;
  private final EventLoop loop;
  private final GroupCommitQueue<JournalCommand> queue;
  private final JournalWriter writer;
  private final JournalReader reader;
  private final JournalStoreLimits limits;

  private SqliteJournalStore(Path file, Scheduler scheduler, JournalStoreLimits limits, Connection write, Connection read)
      throws SQLException {
    this.file = file;
    this.limits = limits;
    this.loop = scheduler.newEventLoop("journal-writer");
    this.queue = new GroupCommitQueue<>(limits.appendQueueMax(), limits.lingerEntriesMax(), new GroupCommitQueue.Refusals() {
      @Override
      public RuntimeException closed() {
        return StoreException.closed(file);
      }

      @Override
      public RuntimeException overloaded(long queued, long queueMax) {
        return StoreException.overloaded(file, queued, queueMax);
      }
    }, this::wakeWriter);
    BlockSpan span = new BlockSpan(JournalRetention.widestBlockSpanMs(write));
    this.writer = new JournalWriter(file, write, queue, limits, JournalRetention.totalBytes(write), span,
        () -> scheduler.schedule(limits.lingerMs(), () -> loop.execute(this::lingerOver)));
    this.reader = new JournalReader(file, read, span);
  }

  /** Opens (creating if needed) the journal database at {@code file} with the default limits. */
  public static SqliteJournalStore open(Path file, Scheduler scheduler) {
    return open(file, scheduler, JournalStoreLimits.DEFAULTS);
  }

  /**
   * Opens (creating if needed) the journal database at {@code file}; its parent folder must exist.
   *
   * @throws StoreException {@code store_io} when the file cannot be opened or set up
   */
  public static SqliteJournalStore open(Path file, Scheduler scheduler, JournalStoreLimits limits) {
    Invariants.notNull(file, "journal file");
    Invariants.notNull(scheduler, "scheduler");
    Invariants.notNull(limits, "limits");
    Connection write = null;
    Connection read = null;
    try {
      write = JournalSchema.openWriter(file);
      read = JournalSchema.openReader(file);
      return new SqliteJournalStore(file, scheduler, limits, write, read);
    } catch (SQLException e) {
      closeQuietly(write);
      closeQuietly(read);
      throw StoreException.io(file, "open journal", e);
    }
  }

  @Override
  public CompletableFuture<Void> append(String invocationId, int firstIndex, List<byte[]> encodedEntries) {
    Invariants.check(invocationId != null && !invocationId.isEmpty(), "append needs an invocation id");
    Invariants.check(firstIndex >= 0, "journal %s: negative first index %s", invocationId, firstIndex);
    Invariants.notNull(encodedEntries, "encoded entries");
    Invariants.check(!encodedEntries.isEmpty(), "journal %s: append of no entries", invocationId);
    List<byte[]> entries = List.copyOf(encodedEntries); // rejects null entries; the caller may reuse its list
    int max = limits.batchEntriesMax();
    if (entries.size() <= max) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      return submit(new JournalCommand.Append(invocationId, firstIndex, entries, done), done);
    }
    // Longer than one transaction: consecutive appends, queued back to back. The writer applies them
    // in order, so a crash leaves a prefix; a refused piece makes every later piece a gap, refused too.
    List<CompletableFuture<Void>> pieces = new java.util.ArrayList<>();
    for (int from = 0; from < entries.size(); from += max) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      List<byte[]> piece = entries.subList(from, Math.min(entries.size(), from + max));
      pieces.add(submit(new JournalCommand.Append(invocationId, firstIndex + from, piece, done), done));
    }
    return CompletableFuture.allOf(pieces.toArray(CompletableFuture[]::new));
  }

  @Override
  public CompletableFuture<Void> putFinished(InvocationSummary summary, List<byte[]> encodedEntries) {
    Invariants.notNull(summary, "summary");
    Invariants.notNull(encodedEntries, "encoded entries");
    Invariants.check(!encodedEntries.isEmpty(), "journal %s: a finished journal of no entries", summary.invocationId());
    List<byte[]> entries = List.copyOf(encodedEntries);
    CompletableFuture<Void> done = new CompletableFuture<>();
    return submit(new JournalCommand.Finished(summary, entries, limits.batchEntriesMax(), done), done);
  }

  @Override
  public CompletableFuture<Void> putSummary(InvocationSummary summary) {
    Invariants.notNull(summary, "summary");
    CompletableFuture<Void> done = new CompletableFuture<>();
    return submit(new JournalCommand.PutSummary(summary, done), done);
  }

  @Override
  public List<byte[]> read(String invocationId) {
    Invariants.notNull(invocationId, "invocation id");
    return reader.read(invocationId);
  }

  @Override
  public Optional<InvocationSummary> summary(String invocationId) {
    Invariants.notNull(invocationId, "invocation id");
    return reader.summary(invocationId);
  }

  @Override
  public List<InvocationSummary> list(Query query) {
    Invariants.notNull(query, "query");
    return reader.list(query);
  }

  /** Runs on the writer thread, between batches; blocks the caller (not the writer) until done. */
  @Override
  public long deleteOlderThan(long cutoffMs) {
    return retain(new JournalRetention.OlderThan(cutoffMs));
  }

  /** Runs on the writer thread, between batches; blocks the caller (not the writer) until done. */
  @Override
  public long deleteToFitBytes(long maxBytes) {
    Invariants.check(maxBytes >= 0, "negative maxBytes %s", maxBytes);
    return retain(new JournalRetention.ToFitBytes(maxBytes));
  }

  /** Transactions committed since open: far fewer than appends when group commit works. */
  public long commits() {
    return writer.commits();
  }

  /** Batches written again after SQLite said busy (see {@code JournalWriter.BUSY_RETRIES_MAX}). */
  public long busyRetries() {
    return writer.busyRetries();
  }

  /** Entries accepted and not yet committed, against {@code appendQueueMax}. */
  public long queuedEntries() {
    return queue.queued();
  }

  /** The database file, for diagnostics. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    Invariants.check(!loop.inLoop(), "close() from the journal writer thread would wait for itself");
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    if (!queue.close(new JournalCommand.Stop(stopped))) {
      return;
    }
    try {
      join(stopped);
    } finally {
      loop.close();
      reader.close();
    }
  }

  /** Test seam: runs on the writer just before each batch commit; may block or throw. */
  void commitHook(JournalWriter.CommitHook hook) {
    writer.commitHook(hook);
  }

  /** Called by the queue when work arrives for an idle writer (never before the constructor ends). */
  private void wakeWriter() {
    loop.execute(writer::drain);
  }

  private void lingerOver() {
    writer.lingerOver();
  }

  private long retain(JournalRetention.Rule rule) {
    Invariants.check(!loop.inLoop(), "retention from the journal writer thread would wait for itself");
    CompletableFuture<Long> done = new CompletableFuture<>();
    return join(submit(new JournalCommand.Maintenance(rule, 0, done), done));
  }

  private <T> CompletableFuture<T> submit(JournalCommand command, CompletableFuture<T> done) {
    queue.offer(command).ifPresent(done::completeExceptionally);
    return done;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Already failing to open; the original error is the one worth reporting.
    }
  }
}
