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
 * <p><b>Close.</b> {@link #close()} cancels timers, and from then on this runner writes nothing: a
 * handler still running at close is not recorded as done, so the next start re-runs its slot.
 */
public final class CronRunner implements AutoCloseable {
  /** Storage namespace of cron records. */
  public static final String NAMESPACE = "cron";
  /** Starts of one slot without a recorded completion before the slot is abandoned. */
  public static final int SLOT_STARTS_MAX = 3;

  private static final Logger LOG = System.getLogger(CronRunner.class.getName());

  private final Clock clock;
  private final Scheduler scheduler;
  private final Storage storage;
  private final ScheduledInvoker invoker;
  private final CronIndex index;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Cancellable> timers = new HashMap<>();
  private boolean started;
  private boolean closed;

  public CronRunner(Clock clock, Scheduler scheduler, Storage storage, ScheduledInvoker invoker) {
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
    Map<String, List<CronTrigger>> triggersByService = new TreeMap<>();
    cronByService.forEach((service, sources) -> triggersByService.put(service, triggers(service, sources)));
    lock.lock();
    try {
      Invariants.check(!started && !closed, "a CronRunner starts once");
      started = true;
      for (Map.Entry<String, List<CronTrigger>> entry : triggersByService.entrySet()) {
        Set<String> sources = new LinkedHashSet<>();
        entry.getValue().forEach(trigger -> sources.add(trigger.source()));
        index.widen(entry.getKey(), sources);
        for (CronTrigger trigger : entry.getValue()) {
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
      LOG.log(Level.WARNING, "cron {0}: unreadable record \"{1}\", starting from now", trigger, stored.get());
    }
    CronRecord record = decoded.orElse(null);
    if (record == null) {
      record = save(trigger, CronRecord.pending(trigger.expression().nextAfterMs(now)));
    } else if (record.state() == CronRecord.State.RUNNING) {
      if (record.starts() >= SLOT_STARTS_MAX) {
        LOG.log(Level.ERROR, "cron {0}: slot {1} started {2} times without finishing; abandoned",
            trigger, Instant.ofEpochMilli(record.nextMs()), record.starts());
        record = save(trigger, CronRecord.pending(trigger.expression().nextAfterMs(Math.max(record.nextMs(), now))));
      } else {
        LOG.log(Level.WARNING, "cron {0}: slot {1} was interrupted; running it again", trigger, Instant.ofEpochMilli(record.nextMs()));
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
      LOG.log(Level.DEBUG, "cron {0}: slot {1} failed and is not retried: {2}", trigger, Instant.ofEpochMilli(running.nextMs()), error);
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      long next = trigger.expression().nextAfterMs(Math.max(running.nextMs(), clock.nowMs()));
      arm(trigger, save(trigger, CronRecord.pending(next)));
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
      LOG.log(Level.ERROR, "cron " + trigger + ": cannot record " + record.encode(), e);
    }
    return record;
  }
}
