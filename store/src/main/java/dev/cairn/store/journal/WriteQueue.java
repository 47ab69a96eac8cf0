package dev.cairn.store.journal;

import dev.cairn.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The hand-off between caller threads (many producers) and the writer thread (one consumer).
 *
 * <p>Producers never wait for the disk: {@link #offer} either queues the command or refuses it at
 * once ({@code store_overloaded} past {@code appendQueueMax} entries, {@code store_closed} after
 * {@link #close}). The only lock is the admission lock, held for a few instructions so that no
 * command can slip in behind the writer's final {@code Stop}; it is never held across I/O.
 *
 * <p>Wake-up: the first producer to find the writer idle schedules one drain task ({@code wake});
 * the drain keeps taking batches until the queue is empty, then goes idle again (see
 * {@link #idleOrContinue}). Commands enqueued while a commit is in flight simply form the next,
 * larger batch: that is the group commit.
 */
final class WriteQueue {
  private final Path file;
  private final long queueMax;
  private final Runnable wake;
  private final ConcurrentLinkedQueue<JournalCommand> commands = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedEntries = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private boolean closed; // guarded by admission

  WriteQueue(Path file, long queueMax, Runnable wake) {
    this.file = file;
    this.queueMax = queueMax;
    this.wake = wake;
  }

  /** Queues {@code command}, or returns why not. Never blocks on the writer. */
  Optional<StoreException> offer(JournalCommand command) {
    int entries = command.entries();
    admission.readLock().lock();
    try {
      if (closed) {
        return Optional.of(StoreException.closed(file));
      }
      long queued = queuedEntries.addAndGet(entries);
      if (queued > queueMax) {
        queuedEntries.addAndGet(-entries);
        return Optional.of(StoreException.overloaded(file, queued - entries, queueMax));
      }
      commands.add(command);
    } finally {
      admission.readLock().unlock();
    }
    wakeWriter();
    return Optional.empty();
  }

  /**
   * Refuses every later offer and queues {@code stop} behind everything already accepted. Returns
   * false (queuing nothing) when already closed.
   */
  boolean close(JournalCommand.Stop stop) {
    admission.writeLock().lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      commands.add(stop);
    } finally {
      admission.writeLock().unlock();
    }
    wakeWriter();
    return true;
  }

  /**
   * Writer thread only. The next unit of work: as many appends and summaries as are queued, up to
   * {@code entriesMax} entries (always at least one command); or a lone maintenance or stop
   * command. Empty when the queue is.
   */
  List<JournalCommand> takeBatch(int entriesMax) {
    List<JournalCommand> batch = new ArrayList<>();
    int entries = 0;
    while (entries < entriesMax) {
      JournalCommand next = commands.peek();
      if (next == null) {
        break;
      }
      boolean groupable = next instanceof JournalCommand.Append || next instanceof JournalCommand.PutSummary;
      if (!groupable && !batch.isEmpty()) {
        break;
      }
      if (groupable && !batch.isEmpty() && entries + next.entries() > entriesMax) {
        break;
      }
      batch.add(commands.poll());
      entries += next.entries();
      if (!groupable) {
        break;
      }
    }
    return batch;
  }

  /** Writer thread only: the batch's commands are finished, their entries no longer count as queued. */
  void release(List<JournalCommand> batch) {
    long entries = 0;
    for (JournalCommand command : batch) {
      entries += command.entries();
    }
    queuedEntries.addAndGet(-entries);
  }

  /**
   * Writer thread only, when {@link #takeBatch} came back empty. Returns true if the drain must go
   * on (a producer raced in), false if the writer may go idle; the next offer will wake it.
   */
  boolean idleOrContinue() {
    drainScheduled.set(false);
    return !commands.isEmpty() && drainScheduled.compareAndSet(false, true);
  }

  /** Entries accepted and not yet committed (or failed). */
  long queuedEntries() {
    return queuedEntries.get();
  }

  private void wakeWriter() {
    if (drainScheduled.compareAndSet(false, true)) {
      wake.run();
    }
  }
}
