package dev.cairn.server.cron;

import dev.cairn.core.CairnException;
import dev.cairn.core.Invariants;
import dev.cairn.core.cron.CronExpression;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.Scheduler;
import dev.cairn.core.spi.Storage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fires services' {@code scheduled} handlers on their cron expressions, so that a restart neither
 * loses nor doubles a fire.
 *
 * <p><b>What is stored.</b> For each (service, expression), in Storage namespace {@value #NAMESPACE}
 * at key {@code service|expression}, a {@link CronRecord}: the slot due next and its state,
 * {@code pending} or {@code running}. Every step below writes the record before acting on it, and
 * Storage makes each write durable before it returns.
 *
 * <p><b>The rule.</b> A slot is done only once the record has moved past it. When a slot is due,
 * the runner records it as {@code running}, then calls the handler; when the handler completes
 * (normally or with an error: cron is not a retry mechanism, the invoker logs failures), the
 * runner records the following slot as {@code pending}. So a crash before that last write re-runs
 * the slot on the next start, with the same scheduled time (at least once; handlers can
 * deduplicate by {@code scheduledTime}), and a crash after it never runs the slot again. A slot
 * whose handler was started {@value #SLOT_STARTS_MAX} times without finishing (each time the node
 * died) is abandoned with an error log, so a handler that crashes the process cannot crash it on
 * every start forever.
 *
 * <p><b>Missed slots collapse.</b> The slot after a completed one is the first one after
 * {@code max(scheduled time, now)}. After downtime that spanned several slots, the start finds the
 * stored slot in the past and fires it once, promptly, with its original scheduled time; the next
 * slot is then computed from the present, not replayed one by one. Likewise a handler that runs
 * longer than the interval skips the slots it overlapped instead of running twice at once.
 *
 * <p><b>Changed manifests.</b> Each start reconciles the services it is given: records of
 * expressions a service no longer lists are deleted (see {@link CronIndex}); a changed expression
 * is a new expression and starts from the present. Services absent from the map are left alone.
 *
 * <p><b>Time.</b> Only {@link Clock#nowMs()} and {@link Scheduler#schedule} are used, never the
 * system clock or sleeping, so the simulator can drive it in virtual time. A timer that fires
 * before its slot (clock adjusted backwards) waits again instead of firing early.
 *
 * <p><b>Reloads.</b> {@link #reconfigure} takes a new set of expressions without a stop: a slot
 * whose handler is running meanwhile is not re-armed but finishes and records its completion as
 * usual (then the next slot follows the new configuration), so a reload never runs a slot twice.
 *
 * <p><b>Close.</b> {@link #close()} cancels timers, and from then on this runner writes nothing: a
 * handler still running at close is not recorded as done, so the next start re-runs its slot.
 */
public final class CronRunner implements AutoCloseable {
  /** Storage namespace of cron records. */
  public static final String NAMESPACE = "cron";
  /** Starts of one slot without a recorded completion before the slot is abandoned. */
  public static final int SLOT_STARTS_MAX = 3;

  /** Where the runner's own messages go: the node's log (JSON lines under {@code cairn serve}). */
  @FunctionalInterface
  public interface Log {
    void write(String level, String message);

    /** The JDK's System.Logger, for tests and embedders without a node log. */
    static Log system() {
      Logger logger = System.getLogger(CronRunner.class.getName());
      return (level, message) -> logger.log(switch (level) {
        case "error" -> Level.ERROR;
        case "warn" -> Level.WARNING;
        default -> Level.DEBUG;
      }, message);
    }
  }

  private final Clock clock;
  private final Scheduler scheduler;
  private final Storage storage;
  private final ScheduledInvoker invoker;
  private final CronIndex index;
  private final Log log;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Cancellable> timers = new HashMap<>();
  /** Triggers configured now, by key. */
  private final Map<String, CronTrigger> configured = new HashMap<>();
  /** Keys whose handler is running (between the {@code running} write and completion). */
  private final Set<String> inFlight = new java.util.HashSet<>();
  private boolean started;
  private boolean closed;

  public CronRunner(Clock clock, Scheduler scheduler, Storage storage, ScheduledInvoker invoker) {
    this(clock, scheduler, storage, invoker, Log.system());
  }

  public CronRunner(Clock clock, Scheduler scheduler, Storage storage, ScheduledInvoker invoker, Log log) {
    this.log = Invariants.notNull(log, "log");
    this.clock = Invariants.notNull(clock, "clock");
    this.scheduler = Invariants.notNull(scheduler, "scheduler");
    this.storage = Invariants.notNull(storage, "storage");
    this.invoker = Invariants.notNull(invoker, "invoker");
    this.index = new CronIndex(storage, NAMESPACE);
  }

  /**
   * Reconciles stored records with {@code cronByService} and arms a timer per expression. Every
   * expression is parsed before anything is written, so a bad one changes nothing.
   *
   * @throws dev.cairn.core.cron.CronException for an expression that does not parse
   */
  public void start(Map<String, List<String>> cronByService) {
    lock.lock();
    try {
      Invariants.check(!started && !closed, "a CronRunner starts once");
      started = true;
    } finally {
      lock.unlock();
    }
    reconfigure(cronByService);
  }

  /**
   * Takes a new configuration (a reload): the same reconciliation as {@link #start}, for the
   * services given; timers of triggers no longer configured are cancelled. A slot running now is
   * left to finish and record itself.
   *
   * @throws dev.cairn.core.cron.CronException for an expression that does not parse (nothing changes)
   */
  public void reconfigure(Map<String, List<String>> cronByService) {
    Map<String, List<CronTrigger>> triggersByService = new TreeMap<>();
    cronByService.forEach((service, sources) -> triggersByService.put(service, triggers(service, sources)));
    lock.lock();
    try {
      Invariants.check(started, "reconfigure before start");
      if (closed) return;
      Map<String, CronTrigger> next = new HashMap<>();
      triggersByService.values().forEach(list -> list.forEach(t -> next.put(t.key(), t)));
      for (String key : List.copyOf(timers.keySet())) {
        if (!next.containsKey(key)) timers.remove(key).cancel();
      }
      configured.clear();
      configured.putAll(next);
      for (Map.Entry<String, List<CronTrigger>> entry : triggersByService.entrySet()) {
        Set<String> sources = new LinkedHashSet<>();
        entry.getValue().forEach(trigger -> sources.add(trigger.source()));
        index.widen(entry.getKey(), sources);
        for (CronTrigger trigger : entry.getValue()) {
          if (inFlight.contains(trigger.key())) continue; // it re-arms itself when it completes
          Cancellable armed = timers.remove(trigger.key());
          if (armed != null) armed.cancel();
          resume(trigger);
        }
        index.narrow(entry.getKey(), sources);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Cancels all timers. Idempotent. Does not close the storage, which the caller owns. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      timers.values().forEach(Cancellable::cancel);
      timers.clear();
    } finally {
      lock.unlock();
    }
  }

  private static List<CronTrigger> triggers(String service, List<String> sources) {
    Invariants.check(service.indexOf('|') < 0 && service.indexOf('\n') < 0, "service name with '|' or a line break: %s", service);
    List<CronTrigger> triggers = new ArrayList<>();
    for (String source : new LinkedHashSet<>(sources)) {
      triggers.add(new CronTrigger(service, CronExpression.parse(source)));
    }
    return triggers;
  }

  /** On start: decide from the stored record (if any) when this trigger fires next. */
  private void resume(CronTrigger trigger) {
    long now = clock.nowMs();
    Optional<String> stored = storage.get(NAMESPACE, trigger.key());
    Optional<CronRecord> decoded = stored.flatMap(CronRecord::decode);
    if (stored.isPresent() && decoded.isEmpty()) {
      log.write("warn", "cron " + trigger + ": unreadable record \"" + stored.get() + "\", starting from now");
    }
    CronRecord record = decoded.orElse(null);
    if (record == null) {
      record = save(trigger, CronRecord.pending(trigger.expression().nextAfterMs(now)));
    } else if (record.state() == CronRecord.State.RUNNING) {
      if (record.starts() >= SLOT_STARTS_MAX) {
        log.write("error", "cron " + trigger + ": slot " + Instant.ofEpochMilli(record.nextMs()) + " started "
            + record.starts() + " times without finishing; abandoned");
        record = save(trigger, CronRecord.pending(trigger.expression().nextAfterMs(Math.max(record.nextMs(), now))));
      } else {
        log.write("warn", "cron " + trigger + ": slot " + Instant.ofEpochMilli(record.nextMs()) + " was interrupted; running it again");
      }
    }
    arm(trigger, record);
  }

  /** Schedules {@code record}'s slot; a slot already due runs as soon as possible. Lock held. */
  private void arm(CronTrigger trigger, CronRecord record) {
    long delayMs = Math.max(0, record.nextMs() - clock.nowMs());
    timers.put(trigger.key(), scheduler.schedule(delayMs, () -> fire(trigger, record)));
  }

  /** The timer of {@code record}'s slot went off. */
  private void fire(CronTrigger trigger, CronRecord record) {
    CronRecord running;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      timers.remove(trigger.key());
      if (clock.nowMs() < record.nextMs()) {
        arm(trigger, record);
        return;
      }
      running = save(trigger, record.started());
      inFlight.add(trigger.key());
    } finally {
      lock.unlock();
    }
    CompletableFuture<Void> done;
    try {
      done = invoker.scheduled(trigger.service(), trigger.source(), running.nextMs());
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    if (done == null) {
      done = CompletableFuture.failedFuture(new IllegalStateException("invoker returned no future"));
    }
    done.whenComplete((ignored, error) -> completed(trigger, running, error));
  }

  /** The handler of {@code running}'s slot finished: record the following slot and arm it. */
  private void completed(CronTrigger trigger, CronRecord running, Throwable error) {
    if (error != null) {
      log.write("debug", "cron " + trigger + ": slot " + Instant.ofEpochMilli(running.nextMs()) + " failed and is not retried: " + error);
    }
    lock.lock();
    try {
      inFlight.remove(trigger.key());
      if (closed) {
        return;
      }
      CronTrigger now = configured.get(trigger.key());
      if (now == null) {
        return; // removed by a reload while it ran: its record is gone, and nothing is armed again
      }
      long next = now.expression().nextAfterMs(Math.max(running.nextMs(), clock.nowMs()));
      arm(now, save(now, CronRecord.pending(next)));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes {@code record} and returns it. A storage failure is logged, not thrown: the timers keep
   * going from memory, and the stale record only means a restart re-runs a slot (never skips one).
   */
  private CronRecord save(CronTrigger trigger, CronRecord record) {
    try {
      storage.put(NAMESPACE, trigger.key(), record.encode());
    } catch (CairnException e) {
      log.write("error", "cron " + trigger + ": cannot record " + record.encode() + ": " + e.getMessage());
    }
    return record;
  }
}
