package dev.cairn.js;

import dev.cairn.core.http.RequestData;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
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
  private final ServiceRuntime service;
  /** Randomness and time for module top-level code, which runs outside any invocation. */
  private final dev.cairn.core.Prng loadPrng;
  private final long loadTimeMs;

  HostBridge(JsWorker worker, ServiceRuntime service) {
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
      service.host().log(inv, level, text);
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
      call(inv, "fetch", JournalJson.fetch(req, redirect), () -> service.host().fetch(inv, req, redirect),
          JournalJson::response, r -> new Object[] {r.status(), "", JsWorker.joinHeaders(r.headers()), body(r.body())}, a[4], a[5]);
      return null;
    });
    // rt.serviceFetch(service, method, url, headers, body, resolve, reject)
    m.put("serviceFetch", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a service binding's fetch()");
      if (!takeSubrequest(inv, a[6])) return null;
      String target = a[0].asString();
      RequestData req = request(a[1], a[2], a[3], a[4]);
      call(inv, "service.fetch", JournalJson.serviceFetch(target, req), () -> service.host().serviceFetch(inv, target, req),
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
      call(inv, "service.rpc", JournalJson.rpc(target, method, args), () -> service.host().serviceRpc(inv, target, method, args),
          JournalJson::value, r -> new Object[] {r}, a[3], a[4]);
      return null;
    });
    // rt.capability(op, binding, argsJson, body, resolve, reject): env.KV.get(...) and the other capability bindings
    m.put("capability", (ProxyExecutable) a -> {
      Invocation inv = requireInvocation("a capability binding");
      if (!takeSubrequest(inv, a[5])) return null;
      CapabilityCall c = new CapabilityCall(a[0].asString(), a[1].asString(), a[2].asString(),
          a[3] == null || a[3].isNull() ? null : a[3].isString() ? a[3].asString().getBytes(StandardCharsets.UTF_8) : Bytes.fromBuffer(a[3]));
      call(inv, c.op(), c.journalArgs(), () -> service.host().capability(inv, c), CapabilityReply::journalResult, HostBridge::replyToJs, a[4], a[5]);
      return null;
    });
    m.put("waitUntil", (ProxyExecutable) a -> {
      worker.waitUntil(a[0].asString(), a[1]);
      return null;
    });
    return ProxyObject.fromMap(m);
  }

  private boolean takeSubrequest(Invocation inv, Value reject) {
    if (inv.takeSubrequest(service.limits().subrequestsMax())) return true;
    reject.execute(worker.jsError(JsException.subrequestLimit(service.limits().subrequestsMax())));
    return false;
  }

  /**
   * One asynchronous host call: numbered in issue order, journaled when it completes (with the
   * time it completed), and its result delivered to JS at exactly that time. Recording and posting
   * the delivery happen under one lock, so results reach the handler in journal order.
   */
  private <T> void call(Invocation inv, String op, byte[] args, java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> perform,
      java.util.function.Function<T, byte[]> resultJson, java.util.function.Function<T, Object[]> toJs, Value resolve, Value reject) {
    int seq = inv.issueSeq();
    long startMs = inv.timeMs();
    perform.get().whenComplete((value, error) -> {
      synchronized (inv) {
        long endMs = service.ports().clock().nowMs();
        if (inv.recorder != null) {
          dev.cairn.core.journal.Outcome outcome = error != null
              ? errorOutcome(error)
              : new dev.cairn.core.journal.Outcome.Value(dev.cairn.core.journal.Bytes.of(resultJson.apply(value)));
          endMs = inv.recorder.hostCall(seq, op, args, outcome, startMs, endMs);
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
    var fired = service.host().timer(inv, delayMs);
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

