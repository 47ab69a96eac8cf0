package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.InstanceLimits;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.EntityStore;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Ports;
import dev.cairn.core.spi.Scheduler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * The alarm runner, single-threaded and by hand: timers are held and fired by the test, blocking
 * work runs inline, and the store answers what the test says — so "a look read the due list before
 * the alarm's clear was committed" is a scripted step, not a race.
 */
class AlarmRunnerTest {
  private static final EntityAddress X = new EntityAddress("A", "x");
  private static final long DUE = 1_000;

  private final List<Runnable> timers = new ArrayList<>();
  private final List<CompletableFuture<Void>> fired = new ArrayList<>();
  private Supplier<List<DueAlarm>> due = List::of;

  private final Scheduler scheduler = new Scheduler() {
    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
      timers.add(task);
      return () -> timers.remove(task);
    }

    @Override
    public void executeBlocking(Runnable task) {
      task.run();
    }

    @Override
    public EventLoop newEventLoop(String name) {
      throw new UnsupportedOperationException();
    }
  };
  private final Clock clock = new Clock() {
    @Override
    public long nowMs() {
      return 5_000;
    }

    @Override
    public long monotonicNs() {
      return 0;
    }
  };
  private final EntityStore store = (EntityStore) Proxy.newProxyInstance(EntityStore.class.getClassLoader(),
      new Class<?>[] {EntityStore.class}, (proxy, method, args) -> {
        if (method.getName().equals("dueAlarms")) return due.get();
        throw new UnsupportedOperationException(method.getName());
      });
  private final AlarmTarget target = new AlarmTarget() {
    @Override
    public CompletableFuture<Void> alarm(String invocationId, String id, long dueMs, int retryCount) {
      CompletableFuture<Void> run = new CompletableFuture<>();
      fired.add(run);
      return run;
    }

    @Override
    public InstanceLimits instanceLimits() {
      return InstanceLimits.DEFAULTS;
    }

    @Override
    public void dropAlarm(String id, long dueMs) {}

    @Override
    public void onAlarmSet(LongConsumer listener) {}
  };

  private AlarmRunner runner() {
    HostServices log = (HostServices) Proxy.newProxyInstance(HostServices.class.getClassLoader(),
        new Class<?>[] {HostServices.class}, (proxy, method, args) -> null);
    return new AlarmRunner(store, new Ports(clock, () -> 42, scheduler, (r, m, t) -> null), Map.of("A", target), log);
  }

  private void look() {
    assertThat(timers).as("the runner always has its next look scheduled").hasSize(1);
    timers.removeFirst().run();
  }

  @Test
  void anAlarmThatRanIsNotFiredAgainByALookThatReadBeforeItsClear() {
    AlarmRunner runner = runner();
    runner.start();
    due = () -> List.of(new DueAlarm(X, DUE));
    look();
    assertThat(fired).hasSize(1);

    // the next look reads the due list; while it reads, the run finishes (and its clear commits),
    // so what it read still shows the alarm
    due = () -> {
      fired.getFirst().complete(null);
      return List.of(new DueAlarm(X, DUE));
    };
    look();
    assertThat(fired).as("not delivered twice").hasSize(1);

    due = List::of; // a look after the clear: the alarm is gone
    look();
    due = () -> List.of(new DueAlarm(X, DUE)); // set again, for the same time, after it ran
    look();
    assertThat(fired).as("a new alarm at the same time is a new alarm").hasSize(2);
    runner.close();
  }

  @Test
  void aRunningAlarmIsNotFiredAgainAndAFailedOneWaitsForItsBackoff() {
    AlarmRunner runner = runner();
    runner.start();
    due = () -> List.of(new DueAlarm(X, DUE));
    look();
    look(); // still running
    assertThat(fired).hasSize(1);
    fired.getFirst().completeExceptionally(new RuntimeException("boom"));
    look(); // its retry is 2 s away on a clock that does not move
    assertThat(fired).hasSize(1);
    runner.close();
  }
}
