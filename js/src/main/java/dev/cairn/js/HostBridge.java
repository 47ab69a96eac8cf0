package dev.cairn.js;

import dev.cairn.core.http.RequestData;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Host: the one door out of the sandbox. Builds the two objects the prelude and runtime glue
 * receive — {@code host} (synchronous: time, randomness, digests, text codecs, console, timers) and
 * {@code rt} (asynchronous I/O: fetch, service bindings, RPC, waitUntil). Every call resolves "who is
 * calling" from the task being run, so time and randomness are per invocation.
 */
final class HostBridge {
  static final int TIMERS_PER_INVOCATION_MAX = 10_000;
  static final int RANDOM_BYTES_MAX = 65_536;

  private final JsWorker worker;
  private final ContextOwner service;
  /** Randomness and time for module top-level code, which runs outside any invocation. */
  private final dev.cairn.core.Prng loadPrng;
  private final long loadTimeMs;

  HostBridge(JsWorker worker, ContextOwner service) {
    this.worker = worker;
    this.service = service;
    this.loadPrng = new dev.cairn.core.Prng(service.ports().entropy().nextSeed());
    this.loadTimeMs = service.ports().clock().nowMs();
  }

  ProxyObject host() {
    Map<String, Object> m = new HashMap<>();
    m.put("now", (ProxyExecutable) a -> {
      Invocation inv = worker.current();
      return (double) (inv == null ? loadTimeMs : inv.timeMs());
    });
    m.put("random", (ProxyExecutable) a -> prng().nextDouble());
    m.put("replaying", (ProxyExecutable) a -> service.host().replaying());
    // Replay only: did the host call just made diverge? Then the glue reports its stack (callSite).
    m.put("divergedHere", (ProxyExecutable) a -> {
      Invocation inv = worker.current();
      return inv != null && inv.callSiteWanted;
    });
    m.put("callSite", (ProxyExecutable) a -> {
      Invocation inv = worker.current();
      if (inv != null) inv.callSite = a[0];
      return null;
    });
    m.put("randomBytes", (ProxyExecutable) a -> {
      int n = a[0].asInt();
      if (n < 0 || n > RANDOM_BYTES_MAX) throw new IllegalArgumentException("randomBytes: " + n + " is not in 0.." + RANDOM_BYTES_MAX);
      byte[] out = new byte[n];
      prng().nextBytes(out);
      return Bytes.toUint8Array(worker.context(), out);
    });
    m.put("digest", (ProxyExecutable) a -> {
      String alg = a[0].asString();
      if (!alg.matches("SHA-(1|256|384|512)")) throw new IllegalArgumentException("Unrecognized algorithm name: " + alg);
      try {
        return Bytes.toUint8Array(worker.context(), MessageDigest.getInstance(alg).digest(Bytes.fromBuffer(a[1])));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalArgumentException("Unrecognized algorithm name: " + alg);
      }
    });
    m.put("utf8Encode", (ProxyExecutable) a -> Bytes.toUint8Array(worker.context(), a[0].asString().getBytes(StandardCharsets.UTF_8)));
    m.put("utf8Decode", (ProxyExecutable) a -> {
      byte[] bytes = Bytes.fromBuffer(a[0]);
      boolean fatal = a.length > 1 && a[1].isBoolean() && a[1].asBoolean();
      if (!fatal) return new String(bytes, StandardCharsets.UTF_8);
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("The encoded data was not valid utf-8");
      }
    });
    m.put("log", (ProxyExecutable) a -> {
      Invocation inv = worker.current();
      String level = a[0].asString();
      String text = a[1].asString();
      if (inv != null) {
        int seq = inv.issueSeq();
        synchronized (inv) {
          if (inv.recorder != null) {
            inv.recorder.hostCall(seq, "log", JournalJson.log(level, text),
                new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(JournalJson.EMPTY_OBJECT)), inv.timeMs(), inv.timeMs());
          }
        }
      }
      hostFor(inv).log(inv, level, text);
      return null;
    });
    m.put("setTimeout", (ProxyExecutable) a -> setTimeout(a[0], a.length > 1 && a[1].isNumber() ? a[1].asDouble() : 0));
    m.put("clearTimeout", (ProxyExecutable) a -> {
      Invocation inv = worker.current();
      if (inv != null && a.length > 0 && a[0].isNumber()) {
        var t = inv.timers.remove(a[0].asInt());
        if (t != null) t.cancel();
      }
      return null;
    });
    return ProxyObject.fromMap(m);
  }

  ProxyObject rt() {
    Map<String, Object> m = new HashMap<>();
    // rt.fetch(method, url, headers, body, resolve, reject, redirect)
    m.put("fetch", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("fetch()");
      if (!takeSubrequest(inv, a[5])) return null;
      RequestData req = request(a[0], a[1], a[2], a[3]);
      RedirectMode redirect = a.length > 6 && a[6].isString() ? RedirectMode.of(a[6].asString()) : RedirectMode.FOLLOW;
      call(inv, "fetch", () -> JournalJson.fetch(req, redirect), () -> hostFor(inv).fetch(inv, req, redirect),
          JournalJson::response, r -> new Object[] {r.status(), "", JsWorker.joinHeaders(r.headers()), body(r.body())}, a[4], a[5]);
      return null;
    });
    // rt.serviceFetch(service, method, url, headers, body, resolve, reject)
    m.put("serviceFetch", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a service binding's fetch()");
      if (!takeSubrequest(inv, a[6])) return null;
      String target = a[0].asString();
      RequestData req = request(a[1], a[2], a[3], a[4]);
      call(inv, "service.fetch", () -> JournalJson.serviceFetch(target, req), () -> hostFor(inv).serviceFetch(inv, target, req),
          JournalJson::response, r -> new Object[] {r.status(), "", JsWorker.joinHeaders(r.headers()), body(r.body())}, a[5], a[6]);
      return null;
    });
    // rt.rpc(service, method, encodedArgs, resolve, reject)
    m.put("rpc", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("an RPC call");
      if (!takeSubrequest(inv, a[4])) return null;
      String target = a[0].asString();
      String method = a[1].asString();
      String args = a[2].asString();
      call(inv, "service.rpc", () -> JournalJson.rpc(target, method, args), () -> hostFor(inv).serviceRpc(inv, target, method, args),
          JournalJson::value, r -> new Object[] {r}, a[3], a[4]);
      return null;
    });
    // rt.capability(op, binding, argsJson, body, resolve, reject): env.KV.get(...) and the other capability bindings
    m.put("capability", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a capability binding");
      if (!takeSubrequest(inv, a[5])) return null;
      capabilityCall(inv, new CapabilityCall(a[0].asString(), a[1].asString(), a[2].asString(), capabilityBody(a[3])), a[4], a[5]);
      return null;
    });
    // rt.kv(op, binding, key, expiresAtMs, metadata, body, resolve, reject): kv get, put and delete with
    // their arguments typed (CapabilityCall.kv); the glue sends only a safe-integer expiresAtMs here
    m.put("kv", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a capability binding");
      if (!takeSubrequest(inv, a[7])) return null;
      var args = new CapabilityCall.KvArgs(a[2].asString(), a[3].asLong(), a[4].isNull() ? null : a[4].asString());
      capabilityCall(inv, CapabilityCall.kv(a[0].asString(), a[1].asString(), args, capabilityBody(a[5])), a[6], a[7]);
      return null;
    });
    m.put("waitUntil", (ProxyExecutable) a -> {
      worker.waitUntil(a[0].asString(), a[1]);
      return null;
    });
    // rt.bodyRead(invocationId, resolve, reject): the next chunk of the request body, null at its end
    m.put("bodyRead", (ProxyExecutable) a -> {
      Invocation inv = ownInvocation(a[0], a[2]);
      if (inv == null) return null;
      var source = inv.requestBody;
      call(inv, "body.read", () -> JournalJson.EMPTY_OBJECT, () -> hostFor(inv).readBody(inv, source),
          chunk -> journaledChunk(inv, chunk), chunk -> new Object[] {chunk.length == 0 ? null : new PendingBytes(chunk)}, a[1], a[2]);
      return null;
    });
    // rt.bodyWrite(invocationId, chunk, resolve, reject): one chunk of the streamed response, done when sent on
    m.put("bodyWrite", (ProxyExecutable) a -> {
      Invocation inv = ownInvocation(a[0], a[3]);
      if (inv == null) return null;
      ResponseBody body = inv.responseBody;
      byte[] chunk = Bytes.fromBuffer(a[1]);
      long max = service.limits().bodyBytesMax();
      // Checked before the call, from what was written: the same in replay, so it needs no journal entry.
      if (body.bytesWritten() + chunk.length > max) {
        a[3].execute(worker.jsError(JsException.responseTooLarge(body.bytesWritten() + chunk.length, max)));
        return null;
      }
      call(inv, "body.write", () -> JournalJson.bodyWrite(chunk.length), () -> hostFor(inv).writeBody(inv, body, chunk),
          v -> JournalJson.EMPTY_OBJECT, v -> new Object[0], a[2], a[3]);
      return null;
    });
    // rt.waitUntilCurrent(promise): an entity's ctx.waitUntil, for the event running now
    m.put("waitUntilCurrent", (ProxyExecutable) a -> {
      Invocation inv = worker.current();
      if (inv != null) worker.waitUntil(inv.id(), a[0]);
      return null;
    });
    entities(m);
    storage(m);
    workflows(m);
    return ProxyObject.fromMap(m);
  }

  // ---- entities: ids, stubs (calls to an entity), and the instance side (gates)

  private void entities(Map<String, Object> m) {
    // rt.entityId(namespace, "name" | "string" | "unique", value): the hex id, or "!" + why it is refused
    m.put("entityId", (ProxyExecutable) a -> {
      String ns = a[0].asString();
      String how = a[1].asString();
      try {
        return switch (how) {
          case "name" -> dev.cairn.core.entity.EntityIds.fromName(ns, a[2].asString());
          case "string" -> dev.cairn.core.entity.EntityIds.check(ns, a[2].asString());
          default -> {
            byte[] random = new byte[dev.cairn.core.entity.EntityIds.UNIQUE_BYTES];
            prng().nextBytes(random);
            yield dev.cairn.core.entity.EntityIds.fromRandom(ns, random);
          }
        };
      } catch (dev.cairn.core.CairnException e) {
        return "!" + e.getMessage();
      }
    });
    // rt.entityFetch(namespace, id, name, method, url, headers, body, resolve, reject)
    m.put("entityFetch", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a Durable Object stub's fetch()");
      if (!takeSubrequest(inv, a[8])) return null;
      String ns = a[0].asString();
      String id = a[1].asString();
      String name = a[2].isNull() ? null : a[2].asString();
      RequestData req = request(a[3], a[4], a[5], a[6]);
      call(inv, "entity.fetch", () -> JournalJson.entityCall(ns, id, "request", JournalJson.request(req)),
          () -> hostFor(inv).entityFetch(inv, ns, id, name, req),
          JournalJson::response, r -> new Object[] {r.status(), "", JsWorker.joinHeaders(r.headers()), body(r.body())}, a[7], a[8]);
      return null;
    });
    // rt.entityRpc(namespace, id, name, method, encodedArgs, resolve, reject)
    m.put("entityRpc", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a Durable Object RPC call");
      if (!takeSubrequest(inv, a[6])) return null;
      String ns = a[0].asString();
      String id = a[1].asString();
      String name = a[2].isNull() ? null : a[2].asString();
      String method = a[3].asString();
      String args = a[4].asString();
      call(inv, "entity.rpc", () -> JournalJson.entityCall(ns, id, "call", JournalJson.rpcInput(method, args)),
          () -> hostFor(inv).entityRpc(inv, ns, id, name, method, args), JournalJson::value, r -> new Object[] {r}, a[5], a[6]);
      return null;
    });
    // rt.entityBlock(id, true | false): blockConcurrencyWhile starts / ends
    m.put("entityBlock", (ProxyExecutable) a -> {
      EntityInstance instance = worker.instance(a[0].asString());
      if (instance != null) {
        if (a[1].asBoolean()) instance.block();
        else {
          instance.unblock();
          instance.worker().touch(instance);
        }
      }
      return null;
    });
  }

  // ---- workflows: the binding (create, get, control) and, inside run(), the step API

  private void workflows(Map<String, Object> m) {
    // rt.wfCreate(workflow, id | null, encodedParams, resolve, reject) -> resolves with the id
    m.put("wfCreate", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a workflow binding's create()");
      if (!takeSubrequest(inv, a[4])) return null;
      String wf = a[0].asString();
      String id = a[1].isNull() ? null : a[1].asString();
      String params = a[2].asString();
      call(inv, "workflow.create", () -> JournalJson.workflowCreate(wf, id, params), () -> hostFor(inv).workflowCreate(inv, wf, id, params),
          JournalJson::value, r -> new Object[] {r}, a[3], a[4]);
      return null;
    });
    // rt.wfControl(workflow, id, action, argJson, resolve, reject) -> resolves with the answer's JSON
    m.put("wfControl", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a workflow instance call");
      if (!takeSubrequest(inv, a[5])) return null;
      String wf = a[0].asString();
      String id = a[1].asString();
      String action = a[2].asString();
      String arg = a[3].asString();
      call(inv, "workflow." + action, () -> JournalJson.workflowControl(wf, id, arg),
          () -> hostFor(inv).workflowControl(inv, wf, id, action, arg), JournalJson::value, r -> new Object[] {r}, a[4], a[5]);
      return null;
    });
    // rt.wfStepBegin(name, configJson) -> null (run the callback), or [status, value] when the step already ran
    m.put("wfStepBegin", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("step.do");
      String[] memo = hostFor(inv).stepBegin(inv, a[0].asString(), a[1].asString());
      if (memo == null) return null;
      // a memoized step answers at its recorded time: the code after it sees that Date.now()
      if (memo.length > 2) inv.advanceTime(Long.parseLong(memo[2]));
      return org.graalvm.polyglot.proxy.ProxyArray.fromArray((Object[]) memo);
    });
    // rt.wfStepEnd(name, ok, value, resolve, reject): resolves once the outcome is durable
    m.put("wfStepEnd", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("step.do");
      String name = a[0].asString();
      boolean ok = a[1].asBoolean();
      String value = a[2].asString();
      workflowCall(inv, () -> hostFor(inv).stepEnd(inv, name, ok, value), v -> new Object[0], a[3], a[4]);
      return null;
    });
    // rt.wfSleep(name, untilMs, resolve, reject)
    m.put("wfSleep", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("step.sleep");
      String name = a[0].asString();
      long until = (long) a[1].asDouble();
      workflowCall(inv, () -> hostFor(inv).stepSleep(inv, name, until), v -> new Object[0], a[2], a[3]);
      return null;
    });
    // rt.wfWaitForEvent(name, type, timeoutMs, resolve, reject) -> resolves with the event's JSON
    m.put("wfWaitForEvent", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("step.waitForEvent");
      String name = a[0].asString();
      String type = a[1].asString();
      long timeout = (long) a[2].asDouble();
      workflowCall(inv, () -> hostFor(inv).stepWaitForEvent(inv, name, type, timeout), e -> new Object[] {e}, a[3], a[4]);
      return null;
    });
  }

  /**
   * A step-API call: the workflow run's host journals it (so this does not), and says when its
   * answer reached the handler (a replayed step, at its recorded time).
   */
  private <T> void workflowCall(Invocation inv, java.util.function.Supplier<CompletableFuture<T>> perform,
      java.util.function.Function<T, Object[]> toJs, Value resolve, Value reject) {
    CompletableFuture<T> f = perform.get();
    f.whenComplete((value, error) -> {
      long endMs = hostFor(inv).completedAtMs(inv, f, service.ports().clock().nowMs());
      worker.settle(inv, endMs, resolve, reject, error, error != null ? new Object[0] : toJs.apply(value));
    });
  }

  // ---- ctx.storage: every call is a host call, journaled; writes and cache hits answer at once

  private void storage(Map<String, Object> m) {
    // rt.sGet(id, key | [keys], resolve, reject)
    m.put("sGet", (ProxyExecutable) a -> {
      boolean multi = a[1].hasArrayElements();
      storageCall(a[0], new StorageOp.Get(keys(a[1]), multi), a[2], a[3]);
      return null;
    });
    // rt.sPut(id, [keys], [values]) -> null, or the error to throw
    m.put("sPut", (ProxyExecutable) a -> storageWrite(a[0], new StorageOp.Put(keys(a[1]), keys(a[2]))));
    // rt.sDelete(id, key | [keys], resolve, reject)
    m.put("sDelete", (ProxyExecutable) a -> {
      boolean multi = a[1].hasArrayElements();
      storageCall(a[0], new StorageOp.Delete(keys(a[1]), multi), a[2], a[3]);
      return null;
    });
    // rt.sList(id, prefix, start, end, limit (0: none), reverse, resolve, reject)
    m.put("sList", (ProxyExecutable) a -> {
      dev.cairn.core.entity.ListOptions options = dev.cairn.core.entity.ListOptions.ALL;
      if (!a[1].isNull()) options = options.withPrefix(a[1].asString());
      if (!a[2].isNull()) options = options.withStart(a[2].asString());
      if (!a[3].isNull()) options = options.withEnd(a[3].asString());
      int limit = a[4].asInt();
      if (limit > 0) options = options.withLimit(limit);
      if (a[5].asBoolean()) options = options.withReverse(true);
      storageCall(a[0], new StorageOp.ListKeys(options), a[6], a[7]);
      return null;
    });
    m.put("sDeleteAll", (ProxyExecutable) a -> storageWrite(a[0], new StorageOp.DeleteAll()));
    m.put("sGetAlarm", (ProxyExecutable) a -> {
      storageCall(a[0], new StorageOp.GetAlarm(), a[1], a[2]);
      return null;
    });
    // rt.sSetAlarm(id, ms | null)
    m.put("sSetAlarm", (ProxyExecutable) a -> storageWrite(a[0], new StorageOp.SetAlarm(a[1].isNull() ? null : (long) a[1].asDouble())));
    m.put("sTx", (ProxyExecutable) a -> storageWrite(a[0], new StorageOp.Transaction(a[1].asString())));
    m.put("sSync", (ProxyExecutable) a -> {
      storageCall(a[0], new StorageOp.Sync(), a[1], a[2]);
      return null;
    });
  }

  private static java.util.List<String> keys(Value v) {
    if (!v.hasArrayElements()) return java.util.List.of(v.asString());
    java.util.List<String> out = new java.util.ArrayList<>((int) v.getArraySize());
    for (long i = 0; i < v.getArraySize(); i++) out.add(v.getArrayElement(i).asString());
    return out;
  }

  private EntityInstance storageInstance(Value id) {
    EntityInstance instance = worker.instance(id.asString());
    if (instance == null) throw new IllegalStateException("storage of an entity that is not live here: " + id.asString());
    return instance;
  }

  /** A write: journaled and answered at once; returns null, or the JS error to throw (nothing was written). */
  private Object storageWrite(Value id, StorageOp op) {
    Invocation inv = requireInvocation("ctx.storage");
    EntityInstance instance = storageInstance(id);
    int seq = inv.issueSeq();
    long t = inv.timeMs();
    CompletableFuture<StorageResult> f = hostFor(inv).storage(inv, instance, op);
    if (!f.isDone()) return null; // replay diverged here: it reports that, nothing more happens
    try {
      StorageResult r = f.join();
      record(inv, seq, op, new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(r.json())), t);
      return null;
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      record(inv, seq, op, errorOutcome(e), t);
      return worker.jsError(e);
    }
  }

  /** A read (or sync): answered at once when the cache knows, else later, at its journaled time. */
  private void storageCall(Value id, StorageOp op, Value resolve, Value reject) {
    Invocation inv = requireInvocation("ctx.storage");
    EntityInstance instance = storageInstance(id);
    int seq = inv.issueSeq();
    long t = inv.timeMs();
    CompletableFuture<StorageResult> f = hostFor(inv).storage(inv, instance, op);
    if (f.isDone()) {
      try {
        StorageResult r = f.join();
        record(inv, seq, op, new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(r.json())), t);
        resolve.execute(toJs(r));
      } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
        record(inv, seq, op, errorOutcome(e), t);
        reject.execute(worker.jsError(e));
      }
      return;
    }
    f.whenComplete((value, error) -> {
      synchronized (inv) {
        long endMs = service.ports().clock().nowMs();
        if (inv.recorder != null) {
          dev.cairn.core.journal.Outcome outcome = error != null ? errorOutcome(error)
              : new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(value.json()));
          endMs = inv.recorder.hostCall(seq, op.op(), op.args(), outcome, t, endMs);
        }
        // the input gate opens in the task that hands the answer over (see EntityInstance.readDelivered)
        boolean live = !hostFor(inv).replaying();
        worker.taskOrElse(inv, endMs, () -> {
          if (live) instance.readDelivered();
          if (error != null) reject.execute(worker.jsError(error));
          else resolve.execute(toJs(value));
        }, () -> {
          if (live) instance.readDelivered(); // the event is gone; the gate must not stay shut for it
        });
      }
    });
  }

  private static void record(Invocation inv, int seq, StorageOp op, dev.cairn.core.journal.Outcome outcome, long t) {
    synchronized (inv) {
      if (inv.recorder != null) inv.recorder.hostCall(seq, op.op(), op.args(), outcome, t, t);
    }
  }

  /** A storage answer as the glue takes it: a value string or null, a flat [k, v, ...] array, a count, a time. */
  private static Object toJs(StorageResult r) {
    return switch (r) {
      case StorageResult.Value v -> v.value();
      case StorageResult.Entries e -> {
        Object[] flat = new Object[e.keys().size() * 2];
        for (int i = 0; i < e.keys().size(); i++) {
          flat[2 * i] = e.keys().get(i);
          flat[2 * i + 1] = e.values().get(i);
        }
        yield org.graalvm.polyglot.proxy.ProxyArray.fromArray(flat);
      }
      case StorageResult.Count c -> c.count();
      case StorageResult.Alarm al -> al.timeMs() == null ? null : (double) al.timeMs();
      case StorageResult.Done d -> null;
    };
  }

  /**
   * The running invocation when it is the one named (a request's body belongs to its handler, as in
   * workerd); else rejects and returns null.
   */
  private Invocation ownInvocation(Value invocationId, Value reject) {
    Invocation inv = requireInvocation("a request or response body");
    if (inv.id().equals(invocationId.asString())) return inv;
    reject.execute(worker.jsError(JsException.crossRequestIo()));
    return null;
  }

  /** A chunk's journal result; the request body's first {@link JournalJson#BODY_BYTES_MAX} bytes are kept in all. */
  private static byte[] journaledChunk(Invocation inv, byte[] chunk) {
    byte[] json = JournalJson.bodyChunk(chunk, JournalJson.BODY_BYTES_MAX - inv.requestBodyJournaledBytes);
    inv.requestBodyJournaledBytes += chunk.length;
    return json;
  }

  /** Who answers {@code inv}'s host calls: its own host (a workflow run) or the service's. */
  private HostServices hostFor(Invocation inv) {
    return inv == null || inv.host == null ? service.host() : inv.host;
  }

  private boolean takeSubrequest(Invocation inv, Value reject) {
    if (inv.takeSubrequest(service.limits().subrequestsMax())) return true;
    reject.execute(worker.jsError(JsException.subrequestLimit(service.limits().subrequestsMax())));
    return false;
  }

  /**
   * One asynchronous host call: numbered in issue order, given its place in the journal and its
   * time when it completes, and its result delivered to JS at exactly that time. Taking the place
   * and posting the delivery happen under one lock, so results reach the handler in journal order;
   * the entry itself is encoded later, on the loop (Recorder.hostCallLater).
   */
  private <T> void call(Invocation inv, String op, java.util.function.Supplier<byte[]> args, java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> perform,
      java.util.function.Function<T, byte[]> resultJson, java.util.function.Function<T, Object[]> toJs, Value resolve, Value reject) {
    int seq = inv.issueSeq();
    long startMs = inv.timeMs();
    // An entity sends nothing out before the writes made before it are durable (the output gate).
    CompletableFuture<T> started = inv.entity == null ? perform.get() : inv.entity.durable().thenCompose(v -> perform.get());
    started.whenComplete((value, error) -> {
      synchronized (inv) {
        long endMs = hostFor(inv).completedAtMs(inv, started, service.ports().clock().nowMs());
        if (inv.recorder != null) {
          // The entry is made on the loop once the handler has had its answer (Recorder.flush in runTask):
          // here it would stand between the answer and the handler's next call.
          endMs = inv.recorder.hostCallLater(seq, op, args, () -> error != null
              ? errorOutcome(error)
              : new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(resultJson.apply(value))), startMs, endMs);
        }
        worker.settle(inv, endMs, resolve, reject, error, error != null ? new Object[0] : toJs.apply(value));
      }
    });
  }

  static dev.cairn.core.journal.Outcome.Error errorOutcome(Throwable error) {
    Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    String code = e instanceof dev.cairn.core.CairnException ce ? ce.code() : "internal_error";
    return new dev.cairn.core.journal.Outcome.Error(code, String.valueOf(e.getMessage()));
  }

  /** One capability call, however its arguments crossed: journaled and answered as every host call is. */
  private void capabilityCall(Invocation inv, CapabilityCall c, Value resolve, Value reject) {
    call(inv, c.op(), c::journalArgs, () -> hostFor(inv).capability(inv, c), CapabilityReply::journalResult, HostBridge::replyToJs, resolve, reject);
  }

  /** A capability call's body from the glue: a string (sent as UTF-8), bytes, or null for none. */
  private static byte[] capabilityBody(Value body) {
    return body == null || body.isNull() ? null : body.isString() ? body.asString().getBytes(StandardCharsets.UTF_8) : Bytes.fromBuffer(body);
  }

  /**
   * A capability reply for the glue: (json, text, bytes). A body that is valid UTF-8 crosses as a
   * string — most values are text, and a string costs JS nothing to take — anything else as bytes.
   */
  private static Object[] replyToJs(CapabilityReply r) {
    byte[] b = r.body();
    if (b == null) return new Object[] {r.json(), null, null};
    String text = JournalJson.utf8(b, b.length);
    return text != null ? new Object[] {r.json(), text, null} : new Object[] {r.json(), null, new PendingBytes(b)};
  }

  /** Bytes for JS are made on the loop when the task runs: a marker carries them there. */
  private Object body(byte[] bytes) {
    return bytes.length == 0 ? null : new PendingBytes(bytes);
  }

  private Object setTimeout(Value callback, double delay) {
    Invocation inv = requireInvocation("setTimeout()");
    if (!callback.canExecute()) throw new IllegalArgumentException("setTimeout: callback is not a function");
    if (inv.timers.size() >= TIMERS_PER_INVOCATION_MAX) {
      throw new IllegalStateException("more than " + TIMERS_PER_INVOCATION_MAX + " pending timers in one invocation");
    }
    int id = inv.nextTimerId++;
    long delayMs = Double.isNaN(delay) || delay < 0 ? 0 : (long) Math.min(delay, Integer.MAX_VALUE);
    int seq = inv.issueSeq();
    long startMs = inv.timeMs();
    var fired = hostFor(inv).timer(inv, delayMs);
    inv.timers.put(id, () -> fired.cancel(false));
    fired.whenComplete((v, error) -> {
      if (error != null) return; // cleared, or the invocation ended: a timer that never fired is not journaled
      synchronized (inv) {
        long endMs = service.ports().clock().nowMs();
        if (inv.recorder != null) {
          endMs = inv.recorder.hostCall(seq, "timer", JournalJson.timer(delayMs),
              new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(JournalJson.EMPTY_OBJECT)), startMs, endMs);
        }
        worker.task(inv, endMs, () -> {
          if (inv.timers.remove(id) != null) callback.executeVoid();
        });
      }
    });
    return id;
  }

  private Invocation requireInvocation(String what) {
    Invocation inv = worker.current();
    if (inv == null) {
      throw new IllegalStateException(what + " can only be used while handling a request, not at module top level");
    }
    return inv;
  }

  private dev.cairn.core.Prng prng() {
    Invocation inv = worker.current();
    return inv == null ? loadPrng : inv.prng();
  }

  private static RequestData request(Value method, Value url, Value headers, Value body) {
    byte[] bytes;
    if (body == null || body.isNull()) bytes = new byte[0];
    else if (body.isString()) bytes = body.asString().getBytes(StandardCharsets.UTF_8);
    else bytes = Bytes.fromBuffer(body);
    return new RequestData(method.asString(), url.asString(), JsWorker.splitHeaders(headers), bytes);
  }

  /** Response bytes waiting to become a Uint8Array once the settling task runs on the loop. */
  record PendingBytes(byte[] bytes) {}
}

