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
   * interrupt is made, and the loop begins task 2. Here the interrupt, once under way, waits for
   * task 2 to begin (up to 300 ms): it must wait in vain, because task 1's end waits for it.
   */
  @Test
  void aTaskEndingWhileItsInterruptIsMadeWaitsForItAndTheNextTaskIsNotHit() throws Exception {
    RunningTask task = new RunningTask();
    CountDownLatch interrupting = new CountDownLatch(1);
    CountDownLatch nextBegun = new CountDownLatch(1);
    AtomicBoolean nextRanDuringInterrupt = new AtomicBoolean();
    AtomicBoolean interruptOver = new AtomicBoolean();
    AtomicBoolean endSawInterruptOver = new AtomicBoolean();

    long first = task.begin();
    Thread watchdog = Thread.ofPlatform().start(() -> task.interruptIfRunning(first, () -> {
      interrupting.countDown();
      try {
        nextRanDuringInterrupt.set(nextBegun.await(300, TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      interruptOver.set(true);
    }));
    assertThat(interrupting.await(10, TimeUnit.SECONDS)).isTrue();
    task.end(); // task 1 ends on its own just after the look
    endSawInterruptOver.set(interruptOver.get());
    long second = task.begin();
    nextBegun.countDown();
    watchdog.join(10_000);

    assertThat(nextRanDuringInterrupt).as("task 2 began while the interrupt aimed at task 1 was being made").isFalse();
    assertThat(endSawInterruptOver).as("task 1's end came after the interrupt").isTrue();
    assertThat(task.isRunning(second)).isTrue();
    assertThat(task.isRunning(first)).isFalse();
  }
}
