package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunningTaskTest {
  @Test
  void anInterruptRunsOnlyWhileItsTaskRuns() {
    RunningTask task = new RunningTask();
    long first = task.begin();
    AtomicLong ran = new AtomicLong();
    assertThat(task.interruptIfRunning(first, ran::incrementAndGet)).isTrue();
    task.end();
    assertThat(task.interruptIfRunning(first, ran::incrementAndGet)).as("its task has ended").isFalse();
    long second = task.begin();
    assertThat(second).isEqualTo(first + 1);
    assertThat(task.interruptIfRunning(first, ran::incrementAndGet)).as("aimed at the task before").isFalse();
    assertThat(ran.get()).isEqualTo(1);
  }

  /**
   * The race the watchdog had: the look finds task 1 over its limit, task 1 ends before the
   * interrupt is made, and the loop begins task 2. Here the loop ends task 1 while the interrupt
   * aimed at it is under way: its end must wait (the loop thread is seen blocked on the lock once it
   * has set out to end the task), and task 2 begin only after the interrupt is over. Nothing here
   * depends on timing: the interrupt waits, as long as it takes, to see either the loop blocked at
   * task 1's end or that end returned, which is the bug.
   */
  @Test
  void aTaskEndingWhileItsInterruptIsMadeWaitsForItAndTheNextTaskIsNotHit() throws Exception {
    RunningTask task = new RunningTask();
    CountDownLatch firstBegun = new CountDownLatch(1);
    CountDownLatch interrupting = new CountDownLatch(1);
    AtomicLong first = new AtomicLong();
    AtomicLong second = new AtomicLong();
    AtomicBoolean ending = new AtomicBoolean();
    AtomicBoolean endReturned = new AtomicBoolean();
    AtomicBoolean secondBegunDuringInterrupt = new AtomicBoolean();
    AtomicBoolean interruptOver = new AtomicBoolean();

    Thread loop = Thread.ofPlatform().name("loop").start(() -> {
      first.set(task.begin());
      firstBegun.countDown();
      try {
        interrupting.await();
      } catch (InterruptedException e) {
        return;
      }
      ending.set(true);
      task.end(); // task 1 ends on its own just after the watchdog's look
      endReturned.set(true);
      second.set(task.begin());
      if (!interruptOver.get()) secondBegunDuringInterrupt.set(true);
    });
    assertThat(firstBegun.await(10, TimeUnit.SECONDS)).isTrue();

    AtomicBoolean loopBlockedAtEnd = new AtomicBoolean();
    boolean ran = task.interruptIfRunning(first.get(), () -> {
      interrupting.countDown();
      long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!endReturned.get() && System.nanoTime() < deadlineNs) {
        Thread.State state = loop.getState(); // BLOCKED on RunningTask's monitor (WAITING, were it a j.u.c lock)
        if (ending.get() && (state == Thread.State.BLOCKED || state == Thread.State.WAITING)) {
          loopBlockedAtEnd.set(true);
          break;
        }
        Thread.onSpinWait();
      }
      interruptOver.set(true);
    });
    loop.join(10_000);

    assertThat(ran).isTrue();
    assertThat(loopBlockedAtEnd).as("task 1's end waited while the interrupt aimed at it was being made").isTrue();
    assertThat(secondBegunDuringInterrupt).as("task 2 began while the interrupt aimed at task 1 was being made").isFalse();
    assertThat(task.isRunning(second.get())).isTrue();
    assertThat(task.isRunning(first.get())).isFalse();
  }
}
