package dev.cairn.js;

import dev.cairn.core.CairnException;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.spi.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One JavaScript context of a service and the event loop that owns it: the Workers isolate. Many
 * invocations interleave here, as in workerd: while one awaits I/O, others run. The context is only
 * ever entered from its loop; every completion from elsewhere is posted to the loop as a task, and
 * each task is tagged with the invocation it belongs to, which is how host calls know their caller.
 */
final class JsWorker implements AutoCloseable {
  private final ContextOwner service;
  private final EventLoop loop;
  private final Map<String, Invocation> live = new HashMap<>();
  private Context context;
  private Value glue;
  private Value handler;
  /** The module's exports: workflow classes are taken from here by name. */
  private Value exports;
  private Value env;
  /**
   * An invocation's tasks are measured loosely (short ones charged their wall time, a bound on their
   * CPU that costs no system call: see the loop's taskCpuNs) until it has been charged 1/8 of its
   * CPU limit, and exactly from then on. Most invocations stay far below; one that nears its limit
   * is judged on CPU time, and preemption on a loaded machine can have inflated at most that eighth.
   */
  static final int EXACT_CPU_FROM_LIMIT_FRACTION = 8;

  private volatile Invocation current;
  private volatile long taskCpuStartNs;
  /** The task running on this loop, as the watchdog sees it; its interrupt lands on that task only. */
  private final RunningTask task = new RunningTask();
  private volatile boolean interruptPending;
  private volatile boolean closed;
  volatile int inFlight;

  private final String loopName;

  JsWorker(ContextOwner service, EventLoop loop) {
    this(service, loop, "cairn-js-" + service.name());
  }

  JsWorker(ContextOwner service, EventLoop loop, String loopName) {
    this.service = service;
    this.loop = loop;
    this.loopName = loopName;
  }

  /** The name its event loop was made with (a replacement gets the same kind of name). */
  String loopName() {
    return loopName;
  }

  /** Creates the context and loads the service's module; fails with a {@link JsException}. */
  CompletableFuture<Void> load() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        ContextFactory.Loaded loaded = ContextFactory.load(service, this);
        context = loaded.context();
        glue = loaded.glue();
        handler = loaded.handler();
        exports = loaded.exports();
        env = loaded.env();
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    return done;
  }

  // ---- entry points (any thread) ----

  /** A request; its body is {@code request.body()}, or still arriving when {@code inv.requestBody} is set. */
  void fetch(Invocation inv, RequestData request, CompletableFuture<Answer> out, Runnable onFinished) {
    begin(inv, out, onFinished, () -> {
      Value body = inv.requestBody != null ? glue.invokeMember("requestBodyStream", inv.id())
          : request.body().length == 0 ? null : Bytes.toUint8Array(context, request.body());
      glue.invokeMember("invokeFetch", handler, env, inv.id(), request.method(), request.url(),
          joinHeaders(request.headers()), body,
          (ProxyExecutable) a -> {
            answered(inv, a[0]);
            return null;
          },
          rejectWith(inv));
    });
  }

  /** The handler's Response, as parts: sent whole, or its head now and its body as the handler streams it. */
  private void answered(Invocation inv, Value parts) {
    Object result;
    try {
      Value stream = parts.getMember("stream");
      if (stream != null && !stream.isNull()) {
        startStream(inv, toResponse(parts), stream);
        return;
      }
      result = new Answer.Whole(toResponse(parts));
    } catch (CairnException e) {
      result = e;
    } catch (RuntimeException e) {
      result = JsException.invalidResponse("the handler's Response cannot be sent: " + e.getMessage(), "");
    }
    respond(inv, result);
  }

  /**
   * A Response whose body is a stream: the head goes out now; the glue pumps the stream through
   * {@code body.write} host calls, and the invocation has answered once the stream ended.
   */
  private void startStream(Invocation inv, ResponseData head, Value stream) {
    if (inv.responded) return;
    ResponseBody body = new ResponseBody();
    inv.responseBody = body;
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> out = (CompletableFuture<Object>) outputs.get(inv);
    Answer.Streamed answer = new Answer.Streamed(head, body, service.limits().bodyBytesMax());
    if (out != null) out.complete(answer);
    glue.invokeMember("pumpBody", inv.id(), stream,
        (ProxyExecutable) a -> { respond(inv, answer); return null; },
        (ProxyExecutable) a -> { respond(inv, toException(a[0])); return null; });
  }

  void scheduled(Invocation inv, String cron, long scheduledTimeMs, CompletableFuture<Void> out, Runnable onFinished) {
    begin(inv, out, onFinished, () -> glue.invokeMember("invokeScheduled", handler, env, inv.id(), cron, (double) scheduledTimeMs,
        (ProxyExecutable) a -> { respond(inv, null); return null; },
        rejectWith(inv)));
  }

  void rpc(Invocation inv, String method, String encodedArgs, CompletableFuture<String> out, Runnable onFinished) {
    begin(inv, out, onFinished, () -> glue.invokeMember("invokeRpc", handler, env, inv.id(), method, encodedArgs,
        (ProxyExecutable) a -> { respond(inv, a[0].asString()); return null; },
        rejectWith(inv)));
  }

  // ---- entity events (on the loop: the entity runtime resolved the instance there) ----

  void entityFetch(Invocation inv, EntityInstance instance, String name, RequestData request, CompletableFuture<ResponseData> out,
      Runnable onFinished) {
    beginEntity(inv, instance, out, onFinished, () -> {
      Value body = request.body().length == 0 ? null : Bytes.toUint8Array(context, request.body());
      glue.invokeMember("invokeEntityFetch", handler, env, inv.id(), service.name(), instance.id(), name, request.method(),
          request.url(), joinHeaders(request.headers()), body,
          respondWithResponse(inv), rejectWith(inv));
    });
  }

  void entityRpc(Invocation inv, EntityInstance instance, String name, String method, String encodedArgs,
      CompletableFuture<String> out, Runnable onFinished) {
    beginEntity(inv, instance, out, onFinished, () -> glue.invokeMember("invokeEntityRpc", handler, env, inv.id(), service.name(),
        instance.id(), name, method, encodedArgs,
        (ProxyExecutable) a -> { respond(inv, a[0].asString()); return null; },
        rejectWith(inv)));
  }

  void entityAlarm(Invocation inv, EntityInstance instance, long scheduledTimeMs, int retryCount, CompletableFuture<Void> out,
      Runnable onFinished) {
    beginEntity(inv, instance, out, onFinished, () -> glue.invokeMember("invokeEntityAlarm", handler, env, inv.id(), service.name(),
        instance.id(), retryCount,
        (ProxyExecutable) a -> {
          // a handled alarm is cleared in the event's own batch, so its answer means "done and gone"
          if (!service.host().replaying()) instance.alarmHandled(scheduledTimeMs);
          respond(inv, null);
          return null;
        },
        rejectWith(inv)));
  }

  /** A run of a workflow instance: {@code run(event, step)} of the exported class, answering its output as structured-clone text. */
  void workflowRun(Invocation inv, String className, String eventJson, CompletableFuture<String> out, Runnable onFinished) {
    begin(inv, out, onFinished, () -> {
      Value klass = exports.getMember(className);
      if (klass == null || !klass.canInstantiate()) {
        respond(inv, JsException.handlerMissing("the module does not export a class " + className));
        return;
      }
      glue.invokeMember("invokeWorkflow", klass, env, inv.id(), eventJson,
          (ProxyExecutable) a -> { respond(inv, a[0].asString()); return null; },
          rejectWith(inv));
    });
  }

  /** Ends {@code id} without an answer (a workflow run that suspended: its JS state is dropped). On any thread. */
  void abandon(String invocationId) {
    loop.execute(() -> {
      Invocation inv = live.get(invocationId);
      if (inv != null) forceFinish(inv);
    });
  }

  /**
   * As {@link #begin}, but the event waits in its instance's queue until the input gate lets it
   * in; its first task then ends by telling the instance so. Called on the loop.
   */
  private void beginEntity(Invocation inv, EntityInstance instance, CompletableFuture<?> out, Runnable onFinished, Runnable start) {
    inFlightAdd(1);
    armWallTimer(inv, out);
    if (!admit(inv, out, onFinished)) return;
    instance.submit(() -> {
      if (closed || inv.finished) {
        instance.endOfTask(true);
        return;
      }
      inv.entityEventBegun = true;
      instance.eventBegun();
      if (instance.brokenBy() != null) {
        respond(inv, instance.brokenBy());
        forceFinish(inv);
        instance.endOfTask(true);
        return;
      }
      runTask(inv, inv.timeMs(), start);
      instance.endOfTask(true);
    });
  }

  /** The live entity {@code id} of this context's class, or null (not an entity context, or not live). */
  EntityInstance instance(String id) {
    return service instanceof EntityRuntime r ? r.liveInstance(id) : null;
  }

  /** Runs {@code task} on this loop later (a raw task: no invocation, no CPU accounting). */
  void post(Runnable task) {
    loop.execute(task);
  }

  private final java.util.ArrayList<EntityInstance> touched = new java.util.ArrayList<>(4);

  /** An entity's storage was used in the running task: its end-of-task step must run. On the loop. */
  void touch(EntityInstance instance) {
    if (!touched.contains(instance)) touched.add(instance);
  }

  /** Drops an evicted entity's object from the context (its storage stays). On the loop. */
  void evictEntity(String id) {
    if (closed || glue == null) return;
    try {
      glue.invokeMember("evictEntity", id);
    } catch (RuntimeException e) {
      service.host().log(null, "error", "evicting entity " + id + ": " + e);
    }
  }

  /**
   * The glue's resolve for an entity's fetch: response parts become the invocation's answer. It
   * leaves whole (after the output gate), so a stream body is collected first.
   */
  private ProxyExecutable respondWithResponse(Invocation inv) {
    return a -> {
      Value stream = a[0].getMember("stream");
      if (stream != null && !stream.isNull()) {
        Value parts = a[0];
        glue.invokeMember("collectBody", stream, (double) service.limits().bodyBytesMax(), (ProxyExecutable) bytes -> {
          parts.putMember("body", bytes[0]);
          parts.putMember("stream", null);
          respondWithResponse(inv).execute(parts);
          return null;
        }, rejectWith(inv));
        return null;
      }
      Object result;
      try {
        result = toResponse(a[0]);
      } catch (CairnException e) {
        result = e;
      } catch (RuntimeException e) {
        result = JsException.invalidResponse("the handler's Response cannot be sent: " + e.getMessage(), "");
      }
      respond(inv, result);
      return null;
    };
  }

  /** The glue's reject: the error becomes the invocation's answer. */
  private ProxyExecutable rejectWith(Invocation inv) {
    return a -> {
      respond(inv, toException(a[0]));
      return null;
    };
  }

  void message(Invocation inv, String batchJson, CompletableFuture<MessageDecisions> out, Runnable onFinished) {
    begin(inv, out, onFinished, () -> glue.invokeMember("invokeMessage", handler, env, inv.id(), batchJson,
        (ProxyExecutable) a -> { respond(inv, new MessageDecisions(a[0].asString())); return null; },
        (ProxyExecutable) a -> { respond(inv, toException(a[0])); return null; }));
  }

  // ---- invocation lifecycle (on the loop unless noted) ----

  private final Map<Invocation, CompletableFuture<?>> outputs = new HashMap<>();
  private final Map<Invocation, Runnable> finishers = new HashMap<>();

  private void begin(Invocation inv, CompletableFuture<?> out, Runnable onFinished, Runnable start) {
    inFlightAdd(1);
    armWallTimer(inv, out);
    loop.execute(() -> {
      if (admit(inv, out, onFinished)) runTask(inv, inv.timeMs(), start);
    });
  }

  /** The wall-time answer must leave even when this loop is stuck, so it completes {@code out} directly. */
  private void armWallTimer(Invocation inv, CompletableFuture<?> out) {
    // A workflow run may wait minutes on a step (whose own timeout bounds it) and parks on long waits.
    if (inv.kind() == Invocation.Kind.WORKFLOW) return;
    long wallMs = service.limits().wallTimeMs();
    inv.wallTimer = service.ports().scheduler().schedule(wallMs, () -> {
      out.completeExceptionally(JsException.wallTimeExceeded(wallMs));
      ResponseBody streaming = inv.responseBody;
      if (streaming != null) streaming.abort(JsException.wallTimeExceeded(wallMs));
      loop.execute(() -> stop(inv, JsException.wallTimeExceeded(wallMs)));
    });
  }

  /** On the loop: registers the invocation, or fails it when the context is closed (then false). */
  private boolean admit(Invocation inv, CompletableFuture<?> out, Runnable onFinished) {
    if (closed) {
      out.completeExceptionally(JsException.contextLost("the context was closed"));
      inFlightAdd(-1);
      onFinished.run();
      return false;
    }
    live.put(inv.id(), inv);
    outputs.put(inv, out);
    finishers.put(inv, onFinished);
    return true;
  }

  @SuppressWarnings("unchecked")
  private void respond(Invocation inv, Object result) {
    if (inv.responded) return;
    inv.responded = true;
    keepOutput(inv, result);
    ResponseBody streaming = inv.responseBody;
    if (streaming != null) {
      // The head is out already: a streamed body ends, or breaks off and the client sees it cut.
      if (result instanceof Throwable t) streaming.abort(t instanceof CairnException ce ? ce : JsException.internal(String.valueOf(t), t));
      else streaming.end();
    }
    CompletableFuture<Object> out = (CompletableFuture<Object>) outputs.get(inv);
    if (out != null) {
      if (inv.entityEventBegun) {
        // The output gate: an entity's answer leaves once the writes made before it are durable. An
        // event that never began made none, and must not commit the batch of the one running.
        CompletableFuture<Void> gate = inv.entity.durable();
        if (!gate.isDone() || gate.isCompletedExceptionally()) {
          inv.gated = true;
          gate.whenComplete((v, error) -> {
            if (error != null) out.completeExceptionally(error instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : error);
            else if (result instanceof Throwable t) out.completeExceptionally(t);
            else out.complete(result);
          });
          maybeFinish(inv);
          return;
        }
      }
      if (result instanceof Throwable t) out.completeExceptionally(t);
      else out.complete(result);
    }
    maybeFinish(inv);
  }

  /** What the journal's end entry will say; kept at response time, written when the invocation finishes. */
  private static void keepOutput(Invocation inv, Object result) {
    if (inv.recorder == null) return;
    switch (result) {
      case Throwable t -> inv.failed = true;
      case ResponseData r -> {
        inv.output = JournalJson.response(r);
        inv.failed = r.status() >= 500;
      }
      case Answer.Whole w -> {
        inv.output = JournalJson.response(w.response());
        inv.failed = w.response().status() >= 500;
      }
      case Answer.Streamed s -> {
        inv.output = JournalJson.response(s.head().status(), s.head().headers(), s.body().firstBytes(), s.body().bytesWritten());
        inv.failed = s.head().status() >= 500;
      }
      case String encoded -> inv.output = JournalJson.value(encoded);
      case MessageDecisions d -> inv.output = d.json().getBytes(StandardCharsets.UTF_8);
      case null -> inv.output = JournalJson.EMPTY_OBJECT;
      default -> inv.output = JournalJson.EMPTY_OBJECT;
    }
    inv.error = result instanceof Throwable t ? t : null;
  }

  /** Ends {@code inv} part-way with a limit's error; an entity it leaves stuck is reset (EntityInstance.eventStopped). */
  private void stop(Invocation inv, CairnException why) {
    boolean wasRunning = !inv.finished;
    respond(inv, why);
    forceFinish(inv);
    if (wasRunning && inv.entityEventBegun) inv.entity.eventStopped();
  }

  private void maybeFinish(Invocation inv) {
    if (inv.responded && inv.waitUntilPending == 0) forceFinish(inv);
  }

  private void forceFinish(Invocation inv) {
    if (inv.finished) return;
    inv.finished = true;
    inv.wallTimer.cancel();
    inv.timers.values().forEach(dev.cairn.core.spi.Cancellable::cancel);
    inv.timers.clear();
    live.remove(inv.id());
    if (inv.entityEventBegun) inv.entity.eventFinished();
    if (inv.requestBody != null) inv.requestBody.discard();
    ResponseBody streaming = inv.responseBody;
    if (streaming != null) streaming.abort(JsException.contextLost("the invocation ended before its response body did"));
    CompletableFuture<?> out = outputs.remove(inv);
    if (out != null && !out.isDone() && !inv.gated) { // a gated answer leaves when its writes are durable
      out.completeExceptionally(JsException.contextLost("the invocation ended before it answered"));
    }
    Runnable finisher = finishers.remove(inv);
    try {
      endJournal(inv);
    } catch (RuntimeException e) {
      // Recording must never cost the invocation its slot: the journal is lost, the service goes on.
      service.host().log(inv, "error", "the journal of " + inv.id() + " could not be kept: " + e);
    }
    inFlightAdd(-1);
    if (finisher != null) finisher.run();
  }

  private void endJournal(Invocation inv) {
    Recorder recorder = inv.recorder;
    if (recorder == null) return;
    long now = service.ports().clock().nowMs();
    synchronized (inv) {
      if (inv.output != null && inv.error == null) {
        recorder.completed(inv.output, now);
      } else {
        Throwable t = inv.error != null ? inv.error : JsException.contextLost("the invocation ended before it answered");
        String code = t instanceof CairnException ce ? ce.code() : "internal_error";
        String stack = t instanceof JsException js ? js.jsStack() : "";
        recorder.failed(code, String.valueOf(t.getMessage()), stack, now);
        inv.failed = true;
      }
    }
    service.journalSink().ifPresent(sink -> sink.finished(inv, recorder.journal(), inv.failed));
  }

  private void inFlightAdd(int delta) {
    synchronized (this) {
      inFlight += delta;
    }
    if (delta > 0) service.invocationBegun();
  }

  /**
   * Runs a piece of JS for {@code inv} on this loop, accounting its CPU time. {@code timeMs} is the
   * time handler code sees from now on: the completion time of the host call being delivered, as
   * journaled, so replay reproduces {@code Date.now()} exactly.
   */
  void task(Invocation inv, long timeMs, Runnable body) {
    taskOrElse(inv, timeMs, body, () -> {});
  }

  /** As {@link #task}, but {@code dropped} runs (on the loop) when the invocation ended before the task could. */
  void taskOrElse(Invocation inv, long timeMs, Runnable body, Runnable dropped) {
    loop.execute(() -> {
      if (closed || inv.finished) {
        dropped.run();
        return;
      }
      runTask(inv, timeMs, body);
    });
  }

  private void runTask(Invocation inv, long timeMs, Runnable body) {
    current = inv;
    inv.advanceTime(timeMs);
    long limitNs = service.limits().cpuTimeMs() * 1_000_000L;
    boolean exact = inv.cpuNs >= limitNs / EXACT_CPU_FROM_LIMIT_FRACTION;
    long start = loop.taskCpuStartNs(exact);
    taskCpuStartNs = start;
    task.begin();
    try {
      body.run();
      // The catches below run before task.end(), while the watchdog may still be making an interrupt
      // aimed at this task: they must not enter JS, which the interrupt would cut short.
    } catch (PolyglotException e) {
      onTaskFailure(inv, e);
    } catch (CairnException e) {
      respond(inv, e);
    } catch (RuntimeException e) {
      respond(inv, JsException.internal("internal error while running " + inv.service() + ": " + e, e));
    } finally {
      task.end(); // waits while the watchdog's interrupt aimed at this task is being made
      inv.cpuNs += loop.taskCpuNs(start, exact);
      if (inv.callSiteWanted) {
        inv.callSiteWanted = false;
        service.host().callSiteTaken(inv);
      }
      current = null;
      // The watchdog stops a task that does not end; this stops an invocation whose tasks together
      // went over, or whose task ended before the watchdog's interrupt reached it.
      if (!inv.finished && (inv.cpuExceeded || inv.cpuNs > limitNs)) {
        inv.cpuExceeded = true;
        stop(inv, JsException.cpuTimeExceeded(service.limits().cpuTimeMs()));
      }
      endOfTaskForEntities();
      // After the CPU reading: the entries of the answers this task delivered are the host's work.
      if (inv.recorder != null) inv.recorder.flush();
    }
  }

  /** Lets each entity whose storage the task used commit and admit its next event. */
  private void endOfTaskForEntities() {
    if (touched.isEmpty()) return;
    EntityInstance[] now = touched.toArray(EntityInstance[]::new);
    touched.clear();
    for (EntityInstance i : now) i.endOfTask(false);
  }

  private void onTaskFailure(Invocation inv, PolyglotException e) {
    if (e.isInterrupted() || e.isCancelled()) {
      Invocation culprit = live.values().stream().filter(i -> i.cpuExceeded).findFirst().orElse(inv);
      stop(culprit, JsException.cpuTimeExceeded(service.limits().cpuTimeMs()));
      if (e.isCancelled()) {
        closed = true;
        service.replace(this);
      }
      return;
    }
    // An exception thrown synchronously by a timer callback or similar: the handler's own
    // promise may still settle, so it is logged rather than ending the invocation.
    service.host().log(inv, "error", "Uncaught " + e.getMessage() + stackOf(e));
  }

  /**
   * Called by the watchdog (any thread): stops the running task if its invocation is over its CPU
   * budget. Its reads are one task's only if the task number is the same after them (a task that
   * ended between them would be counted twice, or another invocation's task added to this one).
   */
  void checkCpu(long cpuLimitNs) {
    long seq = task.seq();
    Invocation inv = current;
    if (!task.isRunning(seq) || inv == null || interruptPending) return;
    long used = inv.cpuNs + loop.runningTaskCpuNs(taskCpuStartNs);
    if (used <= cpuLimitNs || !task.isRunning(seq)) return;
    inv.cpuExceeded = true;
    interruptPending = true;
    service.ports().scheduler().executeBlocking(() -> {
      try {
        // Only if the task is still running, and it cannot end until the interrupt is made: one that
        // ended meanwhile was stopped by its end, and the next task, maybe another invocation's, must
        // not take its interrupt. A task of the same invocation that does not end is seen next look.
        task.interruptIfRunning(seq, this::interruptContext);
      } finally {
        interruptPending = false;
      }
    });
  }

  private void interruptContext() {
    try {
      context.interrupt(Duration.ofSeconds(2));
    } catch (TimeoutException e) {
      context.close(true);
    } catch (RuntimeException e) {
      // the context was closed meanwhile; nothing to stop
    }
  }

  // ---- host calls (on the loop, from JS) ----

  Invocation current() {
    return current;
  }

  void waitUntil(String invocationId, Value promise) {
    Invocation inv = live.get(invocationId);
    if (inv == null || inv.finished) return;
    inv.waitUntilPending++;
    ProxyExecutable settled = a -> {
      inv.waitUntilPending--;
      maybeFinish(inv);
      return null;
    };
    ProxyExecutable failed = a -> {
      service.host().log(inv, "error", "ctx.waitUntil promise rejected: " + describe(a[0]).get(2));
      inv.waitUntilPending--;
      maybeFinish(inv);
      return null;
    };
    promise.invokeMember("then", settled, failed);
  }

  /** Posts the outcome of asynchronous host work back into JS as resolve(args) or reject(error). */
  void settle(Invocation inv, long timeMs, Value resolve, Value reject, Throwable error, Object... resolveArgs) {
    task(inv, timeMs, () -> {
      if (error != null) {
        reject.execute(jsError(error));
        return;
      }
      for (int i = 0; i < resolveArgs.length; i++) {
        if (resolveArgs[i] instanceof HostBridge.PendingBytes p) resolveArgs[i] = Bytes.toUint8Array(context, p.bytes());
      }
      resolve.execute(resolveArgs);
    });
  }

  Value jsError(Throwable t) {
    Throwable e = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (e instanceof CairnException ce) return glue.invokeMember("makeError", ce.code(), ce.getMessage());
    return glue.invokeMember("makeError", "internal_error", String.valueOf(e.getMessage()));
  }

  Context context() {
    return context;
  }

  // ---- conversions ----

  private ResponseData toResponse(Value parts) {
    int status = parts.getMember("status").asInt();
    List<dev.cairn.core.http.Header> headers = splitHeaders(parts.getMember("headers"));
    Value body = parts.getMember("body");
    byte[] bytes;
    if (body == null || body.isNull()) bytes = new byte[0];
    else if (body.isString()) bytes = body.asString().getBytes(StandardCharsets.UTF_8);
    else bytes = Bytes.fromBuffer(body);
    long max = service.limits().bodyBytesMax();
    if (bytes.length > max) throw JsException.responseTooLarge(bytes.length, max);
    return new ResponseData(status, headers, bytes);
  }

  static List<dev.cairn.core.http.Header> splitHeaders(Value flat) {
    List<dev.cairn.core.http.Header> out = new ArrayList<>();
    if (flat == null || flat.isNull()) return out;
    if (flat.isString()) {
      String s = flat.asString();
      if (s.isEmpty()) return out;
      String[] p = s.split("\0", -1);
      for (int i = 0; i + 1 < p.length; i += 2) out.add(new dev.cairn.core.http.Header(p[i], p[i + 1]));
      return out;
    }
    long n = flat.getArraySize();
    for (long i = 0; i + 1 < n; i += 2) {
      out.add(new dev.cairn.core.http.Header(flat.getArrayElement(i).asString(), flat.getArrayElement(i + 1).asString()));
    }
    return out;
  }

  static String joinHeaders(List<dev.cairn.core.http.Header> headers) {
    StringBuilder b = new StringBuilder();
    for (dev.cairn.core.http.Header h : headers) {
      if (!b.isEmpty()) b.append('\0');
      b.append(h.name()).append('\0').append(h.value());
    }
    return b.toString();
  }

  private JsException toException(Value error) {
    List<String> d = describe(error);
    String code = d.get(0);
    String message = d.get(1) + ": " + d.get(2);
    if (code.isEmpty()) return JsException.handlerThrew(message, d.get(3));
    if (code.equals("handler_invalid_response")) return JsException.invalidResponse(d.get(2), d.get(3));
    if (code.equals("handler_missing")) return JsException.handlerMissing(d.get(2));
    return JsException.coded(code, ErrorStatus.of(code), d.get(2), d.get(3));
  }

  private List<String> describe(Value error) {
    Value d = glue.invokeMember("describeError", error);
    List<String> out = new ArrayList<>(4);
    for (int i = 0; i < 4; i++) out.add(d.getArrayElement(i).asString());
    return out;
  }

  private static String stackOf(PolyglotException e) {
    StringBuilder b = new StringBuilder();
    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
      if (f.isGuestFrame()) b.append("\n    at ").append(f);
    }
    return b.toString();
  }

  @Override
  public void close() {
    closed = true;
    loop.execute(() -> {
      for (Invocation inv : List.copyOf(live.values())) {
        respond(inv, JsException.contextLost("the service was reloaded or stopped"));
        forceFinish(inv);
      }
      if (context != null) context.close(true);
      loop.close();
    });
  }
}
