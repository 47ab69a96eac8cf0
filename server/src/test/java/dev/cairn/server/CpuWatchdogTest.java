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

/** The CPU watchdog looks every 5 ms while invocations are in flight, and not at all while a service is idle. */
class CpuWatchdogTest {
  /** ContextOwner.WATCHDOG_PERIOD_MS: no other timer of this app has this delay. */
  private static final long WATCHDOG_PERIOD_MS = 5;

  @TempDir Path dir;

  /** The production scheduler, counting the watchdog's timers. */
  static final class Counting implements Scheduler {
    final ThreadScheduler real = new ThreadScheduler();
    final AtomicInteger watchdogTimers = new AtomicInteger();

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
      if (delayMs == WATCHDOG_PERIOD_MS) watchdogTimers.incrementAndGet();
      return real.schedule(delayMs, task);
    }

    @Override
    public void executeBlocking(Runnable task) {
      real.executeBlocking(task);
    }

    @Override
    public EventLoop newEventLoop(String name) {
      return real.newEventLoop(name);
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
    Ports ports = new Ports(SystemClock.INSTANCE, new SystemEntropy(), scheduler, (r, m, t) -> {
      throw new IllegalStateException("no network in this test");
    });
    RequestLog quiet = new RequestLog(true, new PrintStream(java.io.OutputStream.nullOutputStream()), ports.clock());
    try (JsEngine engine = new JsEngine()) {
      AppRuntime app = AppRuntime.start(ManifestLoader.load(dir), engine, ports, quiet, Optional.empty());
      try {
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
      } finally {
        app.close();
        scheduler.real.close();
      }
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
