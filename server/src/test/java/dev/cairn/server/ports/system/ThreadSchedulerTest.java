package dev.cairn.server.ports.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.spi.EventLoop;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event loop's task CPU measurement, which CPU limits stand on: never below the truth; exact
 * ones not far above it, the others (no CPU clock read) the task's wall time.
 */
class ThreadSchedulerTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long SLACK_NS = TimeUnit.MILLISECONDS.toNanos(3);

  private final ThreadScheduler scheduler = new ThreadScheduler();
  private final EventLoop loop = scheduler.newEventLoop("test");

  @AfterEach
  void close() {
    loop.close();
    scheduler.close();
  }

  /** What a measured task was charged, and the CPU it used as read from inside it (start to end of its body). */
  private record Charged(long chargedNs, long usedInsideNs) {}

  private Charged measured(Runnable body) {
    return measured(true, body);
  }

  private Charged measured(boolean exact, Runnable body) {
    return onLoop(() -> {
      long start = loop.taskCpuStartNs(exact);
      long inside0 = THREADS.getCurrentThreadCpuTime();
      body.run();
      long inside = THREADS.getCurrentThreadCpuTime() - inside0;
      return new Charged(loop.taskCpuNs(start, exact), inside);
    });
  }

  private <T> T onLoop(Supplier<T> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        out.complete(work.get());
      } catch (Throwable t) {
        out.completeExceptionally(t);
      }
    });
    return out.orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static void spinCpu(long ns) {
    long start = THREADS.getCurrentThreadCpuTime();
    long x = 0;
    while (THREADS.getCurrentThreadCpuTime() - start < ns) x += System.identityHashCode(new Object());
    if (x == 42) System.out.print("");
  }

  @Test
  void aBusyTaskIsChargedAtLeastWhatItUsedAndNotMuchMore() {
    measured(() -> {}); // leaves a reading behind, as a previous task on a busy loop would
    for (int i = 0; i < 3; i++) {
      Charged c = measured(() -> spinCpu(TimeUnit.MILLISECONDS.toNanos(20)));
      assertThat(c.usedInsideNs()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
      assertThat(c.chargedNs()).isGreaterThanOrEqualTo(c.usedInsideNs()).isLessThan(c.usedInsideNs() + SLACK_NS);
    }
  }

  @Test
  void aTaskThatWaitsIsNotChargedItsWallTime() {
    measured(() -> {});
    Charged c = measured(() -> sleep(30));
    assertThat(c.chargedNs()).isGreaterThanOrEqualTo(c.usedInsideNs()).isLessThan(SLACK_NS);
  }

  @Test
  void aShortTaskThatNeedNotBeExactIsChargedItsWallTimeWithoutAReading() {
    // Right after a reading, a task well under a millisecond is charged its wall time. Both run in
    // one runnable (no hand-off between them); the park may still overshoot past a millisecond on a
    // busy machine (then the clock is read and it is charged ≈ 0), so one of five tries must show
    // the wall time; with a reading every time none would.
    boolean sawWallTime = false;
    for (int i = 0; i < 5 && !sawWallTime; i++) {
      long charged = onLoop(() -> {
        loop.taskCpuNs(loop.taskCpuStartNs(true), true);
        long start = loop.taskCpuStartNs(false);
        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        return loop.taskCpuNs(start, false);
      });
      sawWallTime = charged >= 200_000;
    }
    assertThat(sawWallTime).as("a short task charged its wall time (≥ the 200 µs it waited)").isTrue();
  }

  @Test
  void theFirstTaskOfAFreshLoopIsNotChargedItsWallTime() {
    Charged c = measured(false, () -> sleep(30)); // no measurement on this loop before
    assertThat(c.chargedNs()).isGreaterThanOrEqualTo(c.usedInsideNs()).isLessThan(SLACK_NS);
  }

  @Test
  void aLongTaskIsReadEvenWhenItNeedNotBeExactSoAPauseIsNotCharged() {
    measured(() -> {});
    Charged waiting = measured(false, () -> sleep(30)); // as a GC pause or a long preemption would
    assertThat(waiting.chargedNs()).isGreaterThanOrEqualTo(waiting.usedInsideNs()).isLessThan(SLACK_NS);
    Charged busy = measured(false, () -> spinCpu(TimeUnit.MILLISECONDS.toNanos(20)));
    assertThat(busy.chargedNs()).isGreaterThanOrEqualTo(busy.usedInsideNs()).isLessThan(busy.usedInsideNs() + SLACK_NS);
  }

  @Test
  void anExactMeasurementAfterOnesThatWereNotStartsFromAFreshReading() {
    // A short task that need not be exact leaves no reading at its end (if its wall time stays under
    // a millisecond); an exact task that waits must then not be charged that task's CPU.
    for (int i = 0; i < 3; i++) {
      measured(() -> {});
      Charged before = measured(false, () -> spinCpu(600_000));
      Charged c = measured(() -> sleep(30));
      // From a stale start it would be charged the ≥ 600 µs of the task before as well.
      assertThat(c.chargedNs()).as("after a task that used %d ns", before.usedInsideNs()).isLessThan(c.usedInsideNs() + 400_000);
    }
  }

  @Test
  void whileATaskRunsTheWatchdogSeesAtLeastItsCpuAndNoMoreThanItsWallTime() throws Exception {
    for (boolean exact : new boolean[] {true, false}) {
      measured(() -> {});
      onLoop(() -> { // a runnable that measures nothing (a module load): the last reading is now ≥ 60 ms of CPU behind
        spinCpu(TimeUnit.MILLISECONDS.toNanos(60));
        return null;
      });
      CompletableFuture<Long> started = new CompletableFuture<>();
      CompletableFuture<Void> release = new CompletableFuture<>();
      CompletableFuture<Long> usedInside = new CompletableFuture<>();
      long before = System.nanoTime();
      loop.execute(() -> {
        started.complete(loop.taskCpuStartNs(exact));
        long inside0 = THREADS.getCurrentThreadCpuTime();
        spinCpu(TimeUnit.MILLISECONDS.toNanos(15));
        usedInside.complete(THREADS.getCurrentThreadCpuTime() - inside0);
        release.join(); // waits, using no CPU, while the watchdog looks
        loop.taskCpuNs(started.join(), exact);
      });
      long start = started.get(30, TimeUnit.SECONDS);
      long used = usedInside.get(30, TimeUnit.SECONDS);
      long seen = loop.runningTaskCpuNs(start);
      long taskWallAtMostNs = System.nanoTime() - before;
      release.complete(null);
      assertThat(seen).as("exact=" + exact).isGreaterThanOrEqualTo(used).isLessThanOrEqualTo(taskWallAtMostNs);
      if (exact) assertThat(seen).isLessThan(used + SLACK_NS);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theLoopsWaitBetweenTasksIsNotCharged() throws Exception {
    measured(() -> {});
    Thread.sleep(50); // the loop parks; the next task's reading starts from the end of the last one
    Charged c = measured(() -> {});
    assertThat(c.chargedNs()).isLessThan(SLACK_NS);
  }

  @Test
  void workOfAnUnmeasuredRunnableIsNeitherChargedNorSeenAsTheNextTasksStart() {
    measured(() -> {});
    long afterSpin = onLoop(() -> {
      spinCpu(TimeUnit.MILLISECONDS.toNanos(30)); // loading a module, say: no task measured
      return THREADS.getCurrentThreadCpuTime();
    });
    long[] start = new long[1];
    long charged = onLoop(() -> {
      start[0] = loop.taskCpuStartNs(true);
      return loop.taskCpuNs(start[0], true);
    });
    // The watchdog compares cpuTimeNs() with the start while a task runs: a start from before the
    // spin would show 30 ms the task never used.
    assertThat(start[0]).isGreaterThanOrEqualTo(afterSpin);
    assertThat(charged).isLessThan(SLACK_NS);
  }

  @Test
  void measuringFromAnotherThreadIsRefused() {
    assertThatThrownBy(() -> loop.taskCpuStartNs(true)).isInstanceOf(IllegalStateException.class).hasMessageContaining("loop's own thread");
    assertThatThrownBy(() -> loop.taskCpuNs(0, false)).isInstanceOf(IllegalStateException.class);
  }
}
