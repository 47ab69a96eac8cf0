package dev.cairn.store.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The hand-off between caller threads (many producers) and one writer thread (one consumer), shared
 * by every store that group-commits (journal, entities).
 *
 * <p>Producers never wait for the disk: {@link #offer} either queues the command or refuses it at
 * once (overloaded past {@code queueMax} weight, closed after {@link #close}); the store decides
 * which exception says so. The only lock is the admission lock, held for a few instructions so that
 * no command can slip in behind the writer's final stop command; it is never held across I/O.
 *
 * <p>Wake-up: the first producer to find the writer idle schedules one drain task ({@code wake});
 * the drain keeps taking batches until the queue is empty, then goes idle again (see
 * {@link #idleOrContinue}). Commands enqueued while a commit is in flight simply form the next,
 * larger batch: that is the group commit.
 *
 * @param <C> the store's command type
 */
public final class GroupCommitQueue<C extends GroupCommitQueue.Command> {
  /** A unit of work for the writer. */
  public interface Command {
    /** What this command counts against the queue bound and a batch's size (entries, keys). */
    int weight();

    /** True if it may share a transaction with its neighbours; false for work that runs alone. */
    boolean groupable();
  }

  /** The store's own errors for a refused offer, so each store keeps its error codes. */
  public interface Refusals {
    RuntimeException closed();

    RuntimeException overloaded(long queued, long queueMax);
  }

  private final long queueMax;
  private final Refusals refusals;
  private final Runnable wake;
  private final ConcurrentLinkedQueue<C> commands = new ConcurrentLinkedQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private boolean closed; // guarded by admission

  public GroupCommitQueue(long queueMax, Refusals refusals, Runnable wake) {
    this.queueMax = queueMax;
    this.refusals = refusals;
    this.wake = wake;
  }

  /** Queues {@code command}, or returns why not. Never blocks on the writer. */
  public Optional<RuntimeException> offer(C command) {
    int weight = command.weight();
    admission.readLock().lock();
    try {
      if (closed) {
        return Optional.of(refusals.closed());
      }
      long now = queued.addAndGet(weight);
      if (now > queueMax) {
        queued.addAndGet(-weight);
        return Optional.of(refusals.overloaded(now - weight, queueMax));
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
  public boolean close(C stop) {
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
   * Writer thread only. The next unit of work: as many groupable commands as are queued, up to
   * {@code weightMax} (always at least one command); or a lone ungroupable one. Empty when the
   * queue is.
   */
  public List<C> takeBatch(int weightMax) {
    List<C> batch = new ArrayList<>();
    int weight = 0;
    while (weight < weightMax) {
      C next = commands.peek();
      if (next == null) {
        break;
      }
      boolean groupable = next.groupable();
      if (!groupable && !batch.isEmpty()) {
        break;
      }
      if (groupable && !batch.isEmpty() && weight + next.weight() > weightMax) {
        break;
      }
      batch.add(commands.poll());
      weight += next.weight();
      if (!groupable) {
        break;
      }
    }
    return batch;
  }

  /** Writer thread only: the batch's commands are finished and no longer count as queued. */
  public void release(List<C> batch) {
    long weight = 0;
    for (C command : batch) {
      weight += command.weight();
    }
    queued.addAndGet(-weight);
  }

  /**
   * Writer thread only, when {@link #takeBatch} came back empty. Returns true if the drain must go
   * on (a producer raced in), false if the writer may go idle; the next offer will wake it.
   */
  public boolean idleOrContinue() {
    drainScheduled.set(false);
    return !commands.isEmpty() && drainScheduled.compareAndSet(false, true);
  }

  /** Weight accepted and not yet finished. */
  public long queued() {
    return queued.get();
  }

  private void wakeWriter() {
    if (drainScheduled.compareAndSet(false, true)) {
      wake.run();
    }
  }
}
