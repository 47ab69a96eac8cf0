package dev.cairn.js;

/**
 * A loop's current task as the CPU watchdog sees it from another thread: which task runs, and an
 * interrupt that lands only on the task it was aimed at.
 *
 * <p>The watchdog looks without a lock and decides; making the interrupt takes a while (a thread
 * of its own, then the engine's interrupt). A task that ended in between must not hand the
 * interrupt to the next task, which may be another invocation's: so the interrupt is made under a
 * lock that the loop also takes to end a task. A task that ends while an interrupt aimed at it is
 * being made waits at its end until the interrupt is over (the engine finds no JS of it running
 * and does nothing), and only then can the loop begin another.
 *
 * <p>{@link #begin} and {@link #end} are the loop's (one thread); everything else any thread's.
 * Tasks do not nest: a task begun inside another would wait at its end, still inside the engine,
 * for an interrupt that waits for it to leave.
 */
final class RunningTask {
  private final Object interrupting = new Object();
  /** Counts tasks begun: a look that saw the same number before and after saw one task only. */
  private volatile long seq;
  private volatile boolean running;

  /** On the loop: a task begins. Returns its number. */
  long begin() {
    dev.cairn.core.Invariants.check(!running, "task %s began while task %s runs", seq + 1, seq);
    long n = seq + 1; // one writer (the loop)
    seq = n;
    running = true;
    return n;
  }

  /** On the loop: the task has ended; waits while an interrupt aimed at it is being made. */
  void end() {
    synchronized (interrupting) {
      running = false;
    }
  }

  /** The number of the last task begun. */
  long seq() {
    return seq;
  }

  /** True while task {@code n} runs. */
  boolean isRunning(long n) {
    return running && seq == n;
  }

  /**
   * Runs {@code interrupt} if task {@code n} is still running, keeping the task from ending until
   * it returns. Returns whether it ran. {@code interrupt} must not wait for anything the loop does
   * after the task ends: the engine's interrupt, and the close that follows when it times out, wait
   * only for the task to leave the engine, which it does before its end.
   */
  boolean interruptIfRunning(long n, Runnable interrupt) {
    synchronized (interrupting) {
      if (!isRunning(n)) return false;
      interrupt.run();
      return true;
    }
  }
}
