package dev.cairn.providers;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Ports;
import dev.cairn.core.spi.Scheduler;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ports for provider tests: the system clock plus an offset a test can move forward (expiration
 * without waiting), virtual threads for blocking work, one timer thread. Tests may use threads;
 * only {@code src/main} is bound by the determinism rule.
 */
public final class TestPorts implements AutoCloseable {
  public final AtomicLong clockOffsetMs = new AtomicLong();
  private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  public final Ports ports;

  public TestPorts() {
    Clock clock = new Clock() {
      @Override public long nowMs() { return System.currentTimeMillis() + clockOffsetMs.get(); }
      @Override public long monotonicNs() { return System.nanoTime(); }
    };
    Scheduler scheduler = new Scheduler() {
      @Override public Cancellable schedule(long delayMs, Runnable task) {
        var f = timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
      }
      @Override public void executeBlocking(Runnable task) { blocking.execute(task); }
      @Override public EventLoop newEventLoop(String name) { throw new UnsupportedOperationException("providers need no loops"); }
    };
    ports = new Ports(clock, () -> 42L, scheduler, (req, max, timeout) -> {
      throw new UnsupportedOperationException("no network in provider tests");
    });
  }

  public ProviderContext context(String capability, String provider, Map<String, String> config, Path dataDir) {
    return new ProviderContext(capability, provider, config, ports, dataDir);
  }

  /** A name no earlier run used: tests isolate their keys, subjects and tables with it. */
  public static String runId() {
    return Long.toHexString(System.nanoTime()) + Integer.toHexString(new java.util.Random().nextInt(1 << 16));
  }

  @Override
  public void close() {
    blocking.shutdownNow();
    timers.shutdownNow();
  }
}
