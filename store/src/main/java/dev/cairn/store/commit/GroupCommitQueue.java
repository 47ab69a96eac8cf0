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
 * <p>Lingering: a {@linkplain Command#lazy() lazy} command is one nobody waits for (a stateless
 * invocation's journal, stored after its response left). Committing each small group of those at
 * once spends the writer on per-commit costs — measured on W1: 2,400 commits/s of 14 journals each,
 * every commit rewriting the B-trees' right-edge pages and fsyncing. So while only lazy commands are
 * queued and they weigh less than {@code lingerWeightMax}, the writer may {@linkplain #tryLinger()
 * linger}: it goes idle, lazy offers leave it alone, and it comes back on its own timer, when a
 * non-lazy command arrives (which never waits behind a linger), or when the lazy weight reaches
 * {@code lingerWeightMax}.
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

    /** True if nobody waits for this command's commit soon, so the writer may linger before it. */
    default boolean lazy() {
      return false;
    }
  }

  /** The store's own errors for a refused offer, so each store keeps its error codes. */
  public interface Refusals {
    RuntimeException closed();

    RuntimeException overloaded(long queued, long queueMax);
  }

  private final long queueMax;
  private final long lingerWeightMax;
  private final Refusals refusals;
  private final Runnable wake;
  private final ConcurrentLinkedQueue<C> commands = new ConcurrentLinkedQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong eagerQueued = new AtomicLong(); // commands that are not lazy, queued
  private final AtomicBoolean lingering = new AtomicBoolean();
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private boolean closed; // guarded by admission

  /** A queue whose writer never lingers. */
  public GroupCommitQueue(long queueMax, Refusals refusals, Runnable wake) {
    this(queueMax, 0, refusals, wake);
  }

  /**
   * @param lingerWeightMax lazy weight at which the writer is woken even while it lingers; 0: the
   *     writer never lingers
   */
  public GroupCommitQueue(long queueMax, long lingerWeightMax, Refusals refusals, Runnable wake) {
    if (lingerWeightMax < 0 || lingerWeightMax > queueMax) {
      throw new IllegalArgumentException("lingerWeightMax " + lingerWeightMax + " must be within 0.." + queueMax);
    }
    this.queueMax = queueMax;
    this.lingerWeightMax = lingerWeightMax;
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
      if (!command.lazy()) {
        eagerQueued.incrementAndGet(); // before it is visible, so a lingering check never misses it
      }
      commands.add(command);
    } finally {
      admission.readLock().unlock();
    }
    if (!command.lazy() || !lingering.get() || queued.get() >= lingerWeightMax) {
      wakeWriter();
    }
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
      eagerQueued.incrementAndGet(); // a stop is never lazy: a lingering writer must see it
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
      if (!next.lazy()) {
        eagerQueued.decrementAndGet();
      }
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

  /**
   * Writer thread only, in place of taking a batch: true when the writer may linger (go idle and
   * come back on its own timer) because everything queued is lazy and weighs less than
   * {@code lingerWeightMax}; the drain must then end, and later offers wake it only as the class
   * comment says. False (the drain goes on) when the queue is empty, holds a non-lazy command or
   * enough lazy weight, or such an offer raced in.
   */
  public boolean tryLinger() {
    if (!lingerAllowed()) {
      return false;
    }
    lingering.set(true);
    drainScheduled.set(false);
    if (!lingerAllowed() && drainScheduled.compareAndSet(false, true)) {
      lingering.set(false); // an offer raced in and did not wake us (it saw us draining): go on
      return false;
    }
    return true; // either still lingering, or a racing offer has already scheduled a drain
  }

  /**
   * Writer thread only, from its linger timer: the linger is over. Returns true if the caller must
   * now drain (it holds the drain); false if a drain is already scheduled and will do it.
   */
  public boolean endLinger() {
    lingering.set(false);
    return drainScheduled.compareAndSet(false, true);
  }

  private boolean lingerAllowed() {
    return lingerWeightMax > 0 && eagerQueued.get() == 0 && !commands.isEmpty() && queued.get() < lingerWeightMax;
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
