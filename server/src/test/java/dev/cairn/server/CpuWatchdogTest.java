package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Ports;
import dev.cairn.core.spi.Scheduler;
import dev.cairn.js.JsEngine;
import dev.cairn.server.manifest.ManifestLoader;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.ports.system.SystemEntropy;
import dev.cairn.server.ports.system.ThreadScheduler;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU watchdog looks every 5 ms while invocations are in flight, and not at all while a service
 * is idle; an invocation's tasks are charged their wall time until it nears its limit, then their CPU.
 */
class CpuWatchdogTest {
  /** ContextOwner.WATCHDOG_PERIOD_MS: no other timer of this app has this delay. */
  private static final long WATCHDOG_PERIOD_MS = 5;

  @TempDir Path dir;

  /** One measured task as its loop saw it: exact or not, and what it was charged. */
  record Measured(boolean exact, long chargedNs) {}

  /** The production scheduler, counting the watchdog's timers and recording each task measurement. */
  static final class Counting implements Scheduler {
    final ThreadScheduler real = new ThreadScheduler();
    final AtomicInteger watchdogTimers = new AtomicInteger();
    final List<Measured> measured = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** When set, the watchdog's timers are counted but never fire: only the end of a task can stop an invocation. */
    volatile boolean watchdogOff;

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
      if (delayMs == WATCHDOG_PERIOD_MS) {
        watchdogTimers.incrementAndGet();
        if (watchdogOff) return () -> {};
      }
      return real.schedule(delayMs, task);
    }

    @Override
    public void executeBlocking(Runnable task) {
      real.executeBlocking(task);
    }

    @Override
    public EventLoop newEventLoop(String name) {
      EventLoop loop = real.newEventLoop(name);
      return new EventLoop() {
        @Override public void execute(Runnable task) { loop.execute(task); }
        @Override public boolean inLoop() { return loop.inLoop(); }
        @Override public long cpuTimeNs() { return loop.cpuTimeNs(); }
        @Override public long taskCpuStartNs(boolean exact) { return loop.taskCpuStartNs(exact); }
        @Override public long runningTaskCpuNs(long startNs) { return loop.runningTaskCpuNs(startNs); }
        @Override public void close() { loop.close(); }

        @Override
        public long taskCpuNs(long startNs, boolean exact) {
          long charged = loop.taskCpuNs(startNs, exact);
          measured.add(new Measured(exact, charged));
          return charged;
        }
      };
    }
  }

  /** The app in {@code dir} on {@code scheduler}, with its engine; closing stops all three. */
  record Running(JsEngine engine, AppRuntime app, Counting scheduler) implements AutoCloseable {
    static Running start(Path dir, Counting scheduler) throws Exception {
      Ports ports = new Ports(SystemClock.INSTANCE, new SystemEntropy(), scheduler, (r, m, t) -> {
        throw new IllegalStateException("no network in this test");
      });
      RequestLog quiet = new RequestLog(true, new PrintStream(java.io.OutputStream.nullOutputStream()), ports.clock());
      JsEngine engine = new JsEngine();
      return new Running(engine, AppRuntime.start(ManifestLoader.load(dir), engine, ports, quiet, Optional.empty()), scheduler);
    }

    @Override
    public void close() {
      app.close();
      scheduler.real.close();
      engine.close();
    }
  }

  @Test
  void anIdleServiceHasNoWatchdogAndABusyOneIsStillStopped() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: watchdog
        services:
          # a cold first invocation can use ≈ 100 ms of CPU on these VMs; the spin is stopped at this limit
          api: { module: api.js, limits: { cpuTimeMs: 1000 } }
          other: { module: api.js }
        """);
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request) {
            if (new URL(request.url).pathname === "/spin") { while (true) {} }
            await new Promise((r) => setTimeout(r, 50));
            return new Response("ok");
          },
        };
        """);
    Counting scheduler = new Counting();
    try (Running running = Running.start(dir, scheduler)) {
      AppRuntime app = running.app();
      var api = app.service("api").orElseThrow();
      Thread.sleep(200);
      assertThat(scheduler.watchdogTimers.get()).as("watchdog timers of two idle services over 200 ms").isZero();

      // In flight for ≥ 50 ms: the watchdog looks (about every 5 ms) while it waits.
      assertThat(api.fetch(app.newInvocationId(), get("/ok")).join().status()).isEqualTo(200);
      assertThat(scheduler.watchdogTimers.get()).isGreaterThanOrEqualTo(2);
      int afterIdle = settled(scheduler.watchdogTimers); // the tick after the invocation ends stands down
      Thread.sleep(200);
      assertThat(scheduler.watchdogTimers.get()).as("watchdog timers once idle again").isEqualTo(afterIdle);

      // Re-armed by the next invocation: a runaway loop is still stopped at its CPU limit.
      assertThatThrownBy(() -> api.fetch(app.newInvocationId(), get("/spin")).join())
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(CairnException.class)
          .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo("cpu_time_exceeded"));
      assertThat(api.fetch(app.newInvocationId(), get("/ok")).join().status()).isEqualTo(200);
    }
  }

  @Test
  void tasksAreChargedTheirWallTimeUntilAnEighthOfTheLimitThenTheirCpu() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: charge
        services:
          api: { module: api.js, limits: { cpuTimeMs: 400 } }
        """);
    // CPU spread over many short tasks (one per timer): each is charged as it ends, and the sum stops it.
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request) {
            let x = 0;
            for (;;) {
              await new Promise((r) => setTimeout(r, 0));
              for (let j = 0; j < 20000; j++) x += j % 7;
            }
          },
        };
        """);
    Counting scheduler = new Counting();
    scheduler.watchdogOff = true; // the stop must come from the ends of the tasks
    try (Running running = Running.start(dir, scheduler)) {
      AppRuntime app = running.app();
      var api = app.service("api").orElseThrow();
      scheduler.measured.clear(); // loading measures nothing, but start from the invocation's own tasks
      assertThatThrownBy(() -> api.fetch(app.newInvocationId(), get("/")).join())
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(CairnException.class)
          .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo("cpu_time_exceeded"));
      List<Measured> tasks = List.copyOf(scheduler.measured);
      long eighthNs = 400 * 1_000_000L / 8;
      int firstExact = 0;
      long chargedBefore = 0;
      while (firstExact < tasks.size() && !tasks.get(firstExact).exact()) chargedBefore += tasks.get(firstExact++).chargedNs();
      assertThat(firstExact).as("some tasks were measured loosely first").isPositive().isLessThan(tasks.size());
      assertThat(tasks.subList(firstExact, tasks.size())).as("once exact, always exact").allMatch(Measured::exact);
      assertThat(chargedBefore).as("the switch comes once an eighth of the limit is charged").isGreaterThanOrEqualTo(eighthNs)
          .isLessThan(eighthNs + tasks.get(firstExact - 1).chargedNs());
    }
  }

  /** The counter once it has not moved for 100 ms (waiting at most 10 s; an always-on watchdog never settles). */
  private static int settled(AtomicInteger counter) throws InterruptedException {
    long deadlineMs = System.currentTimeMillis() + 10_000;
    int last = counter.get();
    while (System.currentTimeMillis() < deadlineMs) {
      Thread.sleep(100);
      int now = counter.get();
      if (now == last) return now;
      last = now;
    }
    return last;
  }

  private static RequestData get(String path) {
    return new RequestData("GET", "http://api" + path, List.of(), new byte[0]);
  }
}
