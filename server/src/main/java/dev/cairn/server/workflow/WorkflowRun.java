package dev.cairn.server.workflow;

import dev.cairn.core.CairnException;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.Outcome;
import dev.cairn.core.workflow.WorkflowLimits;
import dev.cairn.js.HostServices;
import dev.cairn.js.Invocation;
import dev.cairn.js.JournalJson;
import dev.cairn.js.RedirectMode;
import dev.cairn.server.journal.JournalJsonReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run of a workflow instance: the host of its {@code run(event, step)}. Every host call of the
 * run goes through here. A call the journal already answers (the run is resuming) is answered from
 * it, at its recorded time, without touching the world; any other call is performed, journaled and
 * made durable before its result reaches the code — so the code never acts on a result that a
 * crash could take back.
 *
 * <p><b>Matching.</b> Journal entries of a workflow are in completion order and carry no issue
 * order, so a resumed call finds its entry by what it is: the n-th {@code step.do} named X finds
 * the n-th recorded {@code step.do} X (steps are memoized: their callbacks do not run again), and
 * likewise sleeps and waits; a call outside any step finds the n-th recorded call with the same op
 * and arguments. Calls made while a step's callback runs are journaled as {@code inner:<op>} (for
 * {@code cairn inspect}) and never replayed: the step's recorded result stands for them. A resumed
 * call whose kind the journal has but whose arguments differ is nondeterminism: the run fails with
 * {@code workflow_nondeterministic}.
 *
 * <p><b>Suspension.</b> When nothing is in flight but durable waits ({@code step.sleep},
 * {@code step.waitForEvent}, a step's retry delay), the run parks: it appends {@code Suspended},
 * the engine records the waits, and the JS state is dropped. A wake-up resumes the instance with a
 * new run that replays the journal up to the pending wait and goes on live.
 *
 * <p>Everything here runs on the instance's event loop (the engine hops there); results of the
 * outside world arrive on other threads and are posted back.
 */
final class WorkflowRun implements HostServices {
  private final RunSupport engine;
  private final String instanceId;
  private final HostServices outside;
  private final Journal journal;
  private final String journalId;
  private final WorkflowLimits limits;
  /** Recorded entries by match key, each list in journal order. */
  private final Map<String, ArrayDeque<HostCall>> recorded = new HashMap<>();
  /** How many times each key was issued in this run. */
  private final Map<String, Integer> occurrences = new HashMap<>();
  /** Step names open live (their callbacks running), by name: occurrence numbers, oldest first. */
  private final Map<String, ArrayDeque<Integer>> openSteps = new HashMap<>();
  private int openStepCount;
  private int inflight;
  private final List<PendingWait> waits = new ArrayList<>();
  private final IdentityHashMap<CompletableFuture<?>, Long> deliveredAt = new IdentityHashMap<>();
  private final List<WorkflowEngine.BufferedEvent> buffered;
  private long lastEventSeqTaken;
  private int stepsTaken;
  private boolean warnedSteps;
  private boolean over;
  private boolean parkCheckPosted;
  /**
   * Set on the loop when this run asked the engine to park it: from then on it takes no event and no
   * time-up, because the engine is about to drop it. An event sent meanwhile stays in the instance's
   * buffer, where the engine looks once the park is written (and resumes for it).
   */
  private boolean parking;
  private CompletableFuture<Void> appends = CompletableFuture.completedFuture(null);

  /** A durable wait of the code: a sleep until {@code untilMs}, or an event of {@code type} until {@code untilMs} (0: none). */
  private static final class PendingWait {
    final String kind;
    final String key;
    final String name;
    final String type;
    final long untilMs;
    final long timeoutMs;
    final long issuedMs;
    final CompletableFuture<Object> future;
    /** What the code got back (the HostBridge times the answer by this one). */
    CompletableFuture<?> returned;

    PendingWait(String kind, String key, String name, String type, long untilMs, long timeoutMs, long issuedMs) {
      this.kind = kind;
      this.key = key;
      this.name = name;
      this.type = type;
      this.untilMs = untilMs;
      this.timeoutMs = timeoutMs;
      this.issuedMs = issuedMs;
      this.future = new CompletableFuture<>();
    }
  }

  WorkflowRun(RunSupport engine, String instanceId, HostServices outside, Journal journal, String journalId,
      WorkflowLimits limits, List<WorkflowEngine.BufferedEvent> buffered) {
    this.engine = engine;
    this.instanceId = instanceId;
    this.outside = outside;
    this.journal = journal;
    this.journalId = journalId;
    this.limits = limits;
    this.buffered = new ArrayList<>(buffered);
    for (int i = 0; i < journal.size(); i++) {
      if (journal.entry(i) instanceof HostCall call && !call.op().startsWith("inner:")) {
        recorded.computeIfAbsent(keyOf(call), k -> new ArrayDeque<>()).add(call);
        if (call.op().equals("step.waitForEvent") && call.outcome() instanceof Outcome.Value v) {
          lastEventSeqTaken = Math.max(lastEventSeqTaken, JournalJsonReader.parse(v.result().toArray()).path("seq").asLong(-1));
        }
      }
    }
    // events the journal already took (a crash came between taking one and forgetting it) are not taken twice
    this.buffered.removeIf(e -> e.seq() <= lastEventSeqTaken && lastEventSeqTaken > 0);
  }

  /** The match key of a recorded entry: the step ops by name, other calls by op and arguments. */
  private static String keyOf(HostCall call) {
    String args = new String(call.args().toArray(), StandardCharsets.UTF_8);
    return switch (call.op()) {
      case "step.do", "step.attempt", "step.sleep", "step.waitForEvent" ->
          call.op() + "\0" + JournalJsonReader.parse(call.args().toArray()).path("name").asText();
      default -> call.op() + "\0" + args;
    };
  }

  boolean over() {
    return over;
  }

  /** Ends the run's say: nothing more is answered or journaled (it was terminated, or it parked). */
  void end() {
    over = true;
  }

  String journalId() {
    return journalId;
  }

  Journal journal() {
    return journal;
  }


  // ---- the step API

  @Override
  public String[] stepBegin(Invocation from, String name, String configJson) {
    countStep(from);
    int occurrence = next("step.do\0" + name);
    HostCall done = take("step.do\0" + name);
    if (done != null) {
      // memoized: its callback does not run again; the recorded outcome stands
      String at = String.valueOf(endOf(done));
      return switch (done.outcome()) {
        case Outcome.Value v -> new String[] {"ok", JournalJsonReader.parse(v.result().toArray()).path("value").asText(), at};
        case Outcome.Error e -> new String[] {"error", errorJson(e.code(), e.message()), at};
      };
    }
    int attempts = 0;
    while (take("step.attempt\0" + name) != null) attempts++;
    if (engine.verifying()) {
      engine.diverged("", "step.do " + name + " (a step the recorded run did not complete)");
      over = true;
      throw WorkflowException.nondeterministic("step.do " + name + " is not in the journal");
    }
    openSteps.computeIfAbsent(name, k -> new ArrayDeque<>()).add(occurrence);
    openStepCount++;
    return attempts == 0 ? null : new String[] {"retry", String.valueOf(attempts)};
  }

  @Override
  public CompletableFuture<Void> stepEnd(Invocation from, String name, boolean ok, String value) {
    if (over) return new CompletableFuture<>();
    ArrayDeque<Integer> open = openSteps.get(name);
    if (open == null || open.isEmpty()) {
      return CompletableFuture.failedFuture(WorkflowException.invalid("step " + name + " ended without having begun"));
    }
    boolean retry = !ok && value.startsWith("retry:");
    if (!retry) {
      open.poll();
      openStepCount--;
    }
    String payload = retry ? value.substring("retry:".length()) : value;
    if (ok && payload.length() > limits.payloadBytesMax()) {
      WorkflowException e = WorkflowException.tooLarge("the result of step " + name, payload.length(), limits.payloadBytesMax(),
          "payloadBytesMax");
      return recordDurable(from, "step.do", stepArgs(name), new Outcome.Error(e.code(), e.getMessage())).thenCompose(v -> CompletableFuture.failedFuture(e));
    }
    Outcome outcome = ok ? new Outcome.Value(Bytes.utf8("{\"value\":" + dev.cairn.core.Json.quote(payload) + "}"))
        : new Outcome.Error("workflow_step_failed", payload);
    CompletableFuture<Void> durable = recordDurable(from, retry ? "step.attempt" : "step.do", stepArgs(name), outcome);
    long ended = lastEndMs;
    CompletableFuture<Void> out = new CompletableFuture<>();
    durable.whenComplete((v, e) -> onLoop(() -> {
      deliveredAt.put(out, ended);
      if (e != null) out.completeExceptionally(e);
      else out.complete(null);
    }));
    return out;
  }

  @Override
  public CompletableFuture<Void> stepSleep(Invocation from, String name, long untilMs) {
    if (over) return new CompletableFuture<>();
    countStep(from);
    String key = "step.sleep\0" + name;
    next(key);
    HostCall done = take(key);
    CompletableFuture<Void> out = new CompletableFuture<>();
    if (done != null) {
      deliveredAt(out, done);
      out.complete(null);
      return out;
    }
    if (engine.verifying()) {
      reachedWait("sleep " + name);
      return new CompletableFuture<>();
    }
    long now = engine.nowMs();
    if (untilMs - now > limits.waitMaxMs()) {
      return CompletableFuture.failedFuture(WorkflowException.invalid("step.sleep(\"" + name + "\") of " + (untilMs - now)
          + " ms is longer than waitMaxMs " + limits.waitMaxMs()));
    }
    PendingWait w = new PendingWait("sleep", key, name, null, untilMs, 0, from.timeMs());
    waits.add(w);
    engine.wakeAt(instanceId, untilMs);
    schedule(w);
    postParkCheck();
    CompletableFuture<Void> returned = w.future.thenApply(x -> null);
    w.returned = returned;
    return returned;
  }

  @Override
  public CompletableFuture<String> stepWaitForEvent(Invocation from, String name, String type, long timeoutMs) {
    if (over) return new CompletableFuture<>();
    countStep(from);
    String key = "step.waitForEvent\0" + name;
    next(key);
    HostCall done = take(key);
    CompletableFuture<String> out = new CompletableFuture<>();
    if (done != null) {
      deliveredAt(out, done);
      switch (done.outcome()) {
        case Outcome.Value v -> out.complete(JournalJsonReader.parse(v.result().toArray()).path("event").toString());
        case Outcome.Error e -> out.completeExceptionally(new CairnException(e.code(), 500, e.message()));
      }
      return out;
    }
    if (engine.verifying()) {
      reachedWait("waitForEvent " + name);
      return new CompletableFuture<>();
    }
    if (timeoutMs > limits.waitMaxMs()) {
      return CompletableFuture.failedFuture(WorkflowException.invalid("waitForEvent(\"" + name + "\") timeout of " + timeoutMs
          + " ms is longer than waitMaxMs " + limits.waitMaxMs()));
    }
    long until = from.timeMs() + timeoutMs;
    PendingWait w = new PendingWait("event", key, name, type, until, timeoutMs, from.timeMs());
    waits.add(w);
    if (!offerBuffered(w)) {
      engine.wakeAt(instanceId, until);
      schedule(w);
      postParkCheck();
    }
    CompletableFuture<String> returned = w.future.thenApply(o -> (String) o);
    w.returned = returned;
    return returned;
  }

  /** An event was sent while this run is live: take it if a wait wants it (else it stays buffered). */
  void offerEvent(WorkflowEngine.BufferedEvent event) {
    if (over || parking) return;
    buffered.add(event);
    for (PendingWait w : List.copyOf(waits)) {
      if (w.kind.equals("event") && offerBuffered(w)) return;
    }
  }

  /** Gives {@code w} the oldest buffered event of its type, if there is one; true when it did. */
  private boolean offerBuffered(PendingWait w) {
    for (WorkflowEngine.BufferedEvent e : buffered) {
      if (!e.type().equals(w.type)) continue;
      buffered.remove(e);
      waits.remove(w);
      inflight++;
      String result = "{\"seq\":" + e.seq() + ",\"event\":" + e.json() + "}";
      CompletableFuture<Void> durable = recordDurable(null, "step.waitForEvent", waitArgs(w), new Outcome.Value(Bytes.utf8(result)), w.issuedMs);
      long ended = lastEndMs;
      durable.whenComplete((v, error) -> onLoop(() -> {
            inflight--;
            engine.forgetEvent(instanceId, e);
            if (error != null) w.future.completeExceptionally(error);
            else {
              deliveredAt.put(w.returned, ended);
              w.future.complete(e.json());
            }
          }));
      return true;
    }
    return false;
  }

  /** A wait's time came (its timer here, or the engine's alarm after a resume): a sleep ends, a wait times out. */
  void timeUp(long nowMs) {
    if (over || parking) return;
    for (PendingWait w : List.copyOf(waits)) {
      if (w.untilMs <= 0 || w.untilMs > nowMs) continue;
      waits.remove(w);
      inflight++;
      Outcome outcome = w.kind.equals("sleep") ? new Outcome.Value(Bytes.of(JournalJson.EMPTY_OBJECT))
          : new Outcome.Error("workflow_event_timeout", WorkflowException.eventTimeout(w.name, w.type, w.timeoutMs).getMessage());
      CompletableFuture<Void> durable = recordDurable(null, w.kind.equals("sleep") ? "step.sleep" : "step.waitForEvent",
          w.kind.equals("sleep") ? sleepArgs(w) : waitArgs(w), outcome, w.issuedMs);
      long ended = lastEndMs;
      durable.whenComplete((v, error) -> onLoop(() -> {
            inflight--;
            deliveredAt.put(w.returned, ended);
            if (error != null) w.future.completeExceptionally(error);
            else if (w.kind.equals("sleep")) w.future.complete(null);
            else w.future.completeExceptionally(WorkflowException.eventTimeout(w.name, w.type, w.timeoutMs));
          }));
    }
  }

  private void schedule(PendingWait w) {
    long delay = w.untilMs - engine.nowMs();
    if (delay <= 0) {
      timeUp(engine.nowMs());
      return;
    }
    // a short wait is kept live; a long one will park (postParkCheck) and be woken by the engine's alarm
    if (delay <= WorkflowEngine.LIVE_WAIT_MAX_MS) engine.timer(instanceId, delay, () -> timeUp(engine.nowMs()));
  }

  // ---- the outside world (fetch, bindings, timers, console)

  @Override
  public CompletableFuture<ResponseData> fetch(Invocation from, RequestData request, RedirectMode redirect) {
    return call(from, "fetch", JournalJson.fetch(request, redirect), () -> outside.fetch(from, request, redirect),
        b -> JournalJsonReader.response(JournalJsonReader.parse(b)), JournalJson::response);
  }

  @Override
  public CompletableFuture<ResponseData> serviceFetch(Invocation from, String service, RequestData request) {
    return call(from, "service.fetch", JournalJson.serviceFetch(service, request), () -> outside.serviceFetch(from, service, request),
        b -> JournalJsonReader.response(JournalJsonReader.parse(b)), JournalJson::response);
  }

  @Override
  public CompletableFuture<String> serviceRpc(Invocation from, String service, String method, String encodedArgs) {
    return call(from, "service.rpc", JournalJson.rpc(service, method, encodedArgs), () -> outside.serviceRpc(from, service, method, encodedArgs),
        b -> JournalJsonReader.parse(b).path("value").asText(), JournalJson::value);
  }

  @Override
  public CompletableFuture<ResponseData> entityFetch(Invocation from, String namespace, String id, String name, RequestData request) {
    return call(from, "entity.fetch", JournalJson.entityCall(namespace, id, "request", JournalJson.request(request)),
        () -> outside.entityFetch(from, namespace, id, name, request), b -> JournalJsonReader.response(JournalJsonReader.parse(b)),
        JournalJson::response);
  }

  @Override
  public CompletableFuture<String> entityRpc(Invocation from, String namespace, String id, String name, String method, String encodedArgs) {
    return call(from, "entity.rpc", JournalJson.entityCall(namespace, id, "call", JournalJson.rpcInput(method, encodedArgs)),
        () -> outside.entityRpc(from, namespace, id, name, method, encodedArgs), b -> JournalJsonReader.parse(b).path("value").asText(),
        JournalJson::value);
  }

  @Override
  public CompletableFuture<dev.cairn.js.CapabilityReply> capability(Invocation from, dev.cairn.js.CapabilityCall c) {
    return call(from, c.op(), c.journalArgs(), () -> outside.capability(from, c),
        dev.cairn.server.journal.JournalJsonReader::capabilityReply, dev.cairn.js.CapabilityReply::journalResult);
  }

  @Override
  public CompletableFuture<String> workflowCreate(Invocation from, String workflow, String id, String encodedParams) {
    return call(from, "workflow.create", JournalJson.workflowCreate(workflow, id, encodedParams),
        () -> outside.workflowCreate(from, workflow, id, encodedParams), b -> JournalJsonReader.parse(b).path("value").asText(),
        JournalJson::value);
  }

  @Override
  public CompletableFuture<String> workflowControl(Invocation from, String workflow, String id, String action, String argJson) {
    return call(from, "workflow." + action, JournalJson.workflowControl(workflow, id, argJson),
        () -> outside.workflowControl(from, workflow, id, action, argJson), b -> JournalJsonReader.parse(b).path("value").asText(),
        JournalJson::value);
  }

  /**
   * {@code setTimeout} in a workflow: a short, non-durable timer (durable waits are step.sleep). It
   * counts as in flight until it fires or is cleared; a cleared one leaves no trace, as elsewhere.
   */
  @Override
  public CompletableFuture<Void> timer(Invocation from, long delayMs) {
    if (over) return new CompletableFuture<>();
    CompletableFuture<Void> fired = outside.timer(from, delayMs);
    CompletableFuture<Void> out = call(from, "timer", JournalJson.timer(delayMs), () -> fired, b -> null, v -> JournalJson.EMPTY_OBJECT);
    out.whenComplete((v, e) -> {
      if (out.isCancelled()) {
        fired.cancel(false);
        onLoop(() -> {
          inflight--;
          postParkCheck();
        });
      }
    });
    return out;
  }

  @Override
  public void log(Invocation from, String level, String text) {
    if (from == null) {
      outside.log(null, level, text);
      return;
    }
    if (over) return;
    byte[] args = JournalJson.log(level, text);
    if (openStepCount == 0 && take("log\0" + new String(args, StandardCharsets.UTF_8)) != null) return; // printed when it was recorded
    if (engine.verifying()) {
      if (openStepCount == 0) engine.diverged("", "log " + new String(args, StandardCharsets.UTF_8));
      return;
    }
    record(from, openStepCount > 0 ? "inner:log" : "log", args, new Outcome.Value(Bytes.of(JournalJson.EMPTY_OBJECT)), from.timeMs());
    outside.log(from, level, text);
  }

  @Override
  public long completedAtMs(Invocation from, CompletableFuture<?> call, long clockNowMs) {
    Long at = deliveredAt.remove(call);
    return at == null ? clockNowMs : at;
  }

  /**
   * A call outside the step API: answered from the journal when it holds it, else performed; inside
   * a running step's callback it is journaled as inner and never replayed.
   */
  private <T> CompletableFuture<T> call(Invocation from, String op, byte[] args, Supplier<CompletableFuture<T>> perform,
      Function<byte[], T> decode, Function<T, byte[]> encode) {
    if (over) return new CompletableFuture<>();
    boolean inner = openStepCount > 0;
    if (!inner) {
      HostCall done = take(op + "\0" + new String(args, StandardCharsets.UTF_8));
      if (done != null) {
        CompletableFuture<T> out = new CompletableFuture<>();
        deliveredAt(out, done);
        switch (done.outcome()) {
          case Outcome.Value v -> out.complete(decode.apply(v.result().toArray()));
          case Outcome.Error e -> out.completeExceptionally(new CairnException(e.code(), 502, e.message()));
        }
        return out;
      }
    }
    if (engine.verifying()) {
      if (!inner) engine.diverged("", op + " " + new String(args, StandardCharsets.UTF_8));
      return new CompletableFuture<>(); // replay performs nothing
    }
    inflight++;
    long startMs = from.timeMs();
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletableFuture<T> performed;
    try {
      performed = perform.get();
    } catch (RuntimeException e) {
      performed = CompletableFuture.failedFuture(e);
    }
    performed.whenComplete((value, error) -> onLoop(() -> {
      if (over || out.isCancelled()) return; // cleared (a timer): nothing to journal
      Outcome outcome = error != null ? errorOutcome(error) : new Outcome.Value(Bytes.of(encode.apply(value)));
      CompletableFuture<Void> durable = record(from, inner ? "inner:" + op : op, args, outcome, startMs);
      long ended = lastEndMs;
      // inside a step the step's own result is what must be durable; its inner calls need not wait
      (inner ? CompletableFuture.<Void>completedFuture(null) : durable).whenComplete((v, e) -> onLoop(() -> {
        inflight--;
        deliveredAt.put(out, ended);
        if (e != null) out.completeExceptionally(e);
        else if (error != null) out.completeExceptionally(error);
        else out.complete(value);
        postParkCheck();
      }));
    }));
    return out;
  }

  private static Outcome.Error errorOutcome(Throwable error) {
    Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    String code = e instanceof CairnException ce ? ce.code() : "internal_error";
    return new Outcome.Error(code, String.valueOf(e.getMessage()));
  }

  /** Recorded step entries the resumed code never asked for: it departed from its journal. */
  List<String> unreplayed() {
    List<String> out = new ArrayList<>();
    recorded.forEach((k, q) -> {
      if (!q.isEmpty() && k.startsWith("step.")) out.add(k.replace('\0', ' ') + " x" + q.size());
    });
    return out;
  }

  // ---- journal

  private CompletableFuture<Void> recordDurable(Invocation from, String op, byte[] args, Outcome outcome) {
    return recordDurable(from, op, args, outcome, from == null ? engine.nowMs() : from.timeMs());
  }

  private CompletableFuture<Void> recordDurable(Invocation from, String op, byte[] args, Outcome outcome, long startMs) {
    return record(from, op, args, outcome, startMs);
  }

  /**
   * Appends a host call to the journal; the future completes once it is durable. The code sees the
   * result at the recorded end time (so a replay, which delivers at recorded times, sees the same
   * {@code Date.now()}). On the loop.
   */
  private CompletableFuture<Void> record(Invocation from, String op, byte[] args, Outcome outcome, long startMs) {
    long end = Math.max(startMs, Math.max(lastEndMs, engine.nowMs()));
    lastEndMs = end;
    int seq = journal.hostCalls().size();
    return append(new HostCall(seq, op, Bytes.of(args), outcome, startMs, (end - startMs) * 1000));
  }

  /** The end time of the last entry recorded: what a result delivered now carries. */
  private long lastEndMs;

  /** Appends {@code entry} (checked by the journal's invariants) and returns when it is durable. */
  CompletableFuture<Void> append(JournalEntry entry) {
    if (engine.verifying()) return CompletableFuture.completedFuture(null);
    int index = journal.size();
    Bytes frame;
    try {
      frame = journal.append(entry);
    } catch (dev.cairn.core.journal.JournalException e) {
      engine.failRun(instanceId, this, WorkflowException.limit("the journal of " + instanceId + ": " + e.getMessage()));
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> durable = engine.appendJournal(journalId, index, frame.toArray());
    appends = durable;
    return durable;
  }

  /** When every append made so far is durable. */
  CompletableFuture<Void> appended() {
    return appends;
  }

  // ---- parking

  /** After the current task (and its microtasks): if only durable waits remain, park. */
  private void postParkCheck() {
    if (parkCheckPosted || over) return;
    parkCheckPosted = true;
    engine.onLoop(instanceId, () -> {
      parkCheckPosted = false;
      if (!over && inflight == 0 && !waits.isEmpty() && waits.stream().allMatch(w -> w.untilMs - engine.nowMs() > WorkflowEngine.LIVE_WAIT_MAX_MS || w.untilMs == 0)) {
        parking = true;
        engine.park(instanceId, this, List.copyOf(waitsForMeta()));
      }
    });
  }

  private List<WorkflowMeta.Wait> waitsForMeta() {
    List<WorkflowMeta.Wait> out = new ArrayList<>();
    for (PendingWait w : waits) out.add(new WorkflowMeta.Wait(w.kind, w.name, w.type, w.untilMs));
    return out;
  }

  /** The reason written into the {@code Suspended} entry. */
  String waitingFor() {
    StringBuilder b = new StringBuilder();
    for (PendingWait w : waits) {
      if (!b.isEmpty()) b.append(", ");
      b.append(w.kind.equals("sleep") ? "sleep " + w.name : "event " + w.type + " (" + w.name + ")");
    }
    return b.toString();
  }

  // ---- helpers

  /** Replay: the code reached a wait with no recorded end; every recorded step must have been replayed by now. */
  private void reachedWait(String what) {
    List<String> left = unreplayed();
    if (left.isEmpty()) engine.reachedWait(what);
    else engine.diverged(String.join(", ", left), what + " (reached before the recorded steps)");
  }

  private int next(String key) {
    return occurrences.merge(key, 1, Integer::sum);
  }

  private HostCall take(String key) {
    ArrayDeque<HostCall> q = recorded.get(key);
    return q == null ? null : q.poll();
  }

  private void deliveredAt(CompletableFuture<?> future, HostCall call) {
    long at = endOf(call);
    lastEndMs = Math.max(lastEndMs, at);
    deliveredAt.put(future, at);
  }

  private long endOf(HostCall call) {
    long at = call.startMs() + call.durationUs() / 1000;
    lastEndMs = Math.max(lastEndMs, at);
    return at;
  }

  private void countStep(Invocation from) {
    stepsTaken++;
    if (!warnedSteps && stepsTaken >= limits.stepsMax() * WorkflowLimits.WARN_FRACTION) {
      warnedSteps = true;
      outside.log(from, "warn", "workflow instance " + instanceId + " has taken " + stepsTaken + " steps; stepsMax is "
          + limits.stepsMax() + ": past it the instance fails");
    }
    if (stepsTaken > limits.stepsMax()) {
      WorkflowException e = WorkflowException.limit("instance " + instanceId + " passed stepsMax " + limits.stepsMax());
      engine.failRun(instanceId, this, e);
      throw e;
    }
  }

  private void onLoop(Runnable r) {
    engine.onLoop(instanceId, r);
  }

  private static byte[] stepArgs(String name) {
    return ("{\"name\":" + dev.cairn.core.Json.quote(name) + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sleepArgs(PendingWait w) {
    return ("{\"name\":" + dev.cairn.core.Json.quote(w.name) + ",\"untilMs\":" + w.untilMs + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] waitArgs(PendingWait w) {
    return ("{\"name\":" + dev.cairn.core.Json.quote(w.name) + ",\"type\":" + dev.cairn.core.Json.quote(w.type) + ",\"timeoutMs\":"
        + w.timeoutMs + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static String errorJson(String code, String message) {
    return "{\"code\":" + dev.cairn.core.Json.quote(code) + ",\"message\":" + dev.cairn.core.Json.quote(message) + "}";
  }
}
