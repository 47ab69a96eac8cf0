package dev.cairn.server.journal;

import dev.cairn.core.CairnException;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.Outcome;
import dev.cairn.js.HostServices;
import dev.cairn.js.Invocation;
import dev.cairn.js.JournalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The outside world during a replay: every host call is answered from the journal, never performed.
 *
 * <p>A call is matched by its {@code seq} (the order the handler issued it) against the recorded
 * call with that seq; op and arguments must be byte-identical. Results are delivered in journal
 * order — the order the handler saw them live — each once its call has been issued, with the
 * replay clock set to the recorded completion time. The first mismatch is kept as the divergence
 * and ends the replay; all calls happen on the replayed context's loop.
 */
final class ReplayHost implements HostServices {
  /** The first difference between the journal and what the code did now. */
  record Divergence(int entryIndex, String recorded, String actual, String jsStack) {}

  private record Pending(CompletableFuture<Object> future, Function<byte[], Object> decode) {}

  private final Journal journal;
  private final ReplayClock clock;
  private final Map<Integer, Integer> entryBySeq = new HashMap<>();
  private final Map<Integer, Pending> issued = new HashMap<>();
  private final List<Integer> order = new ArrayList<>();
  private final CompletableFuture<Divergence> divergence = new CompletableFuture<>();
  /** The first divergence, waiting for its JS stack until the task that made the call ends. */
  private Divergence pendingDivergence;
  private int delivered;
  /** The first delivered result whose recorded body was cut at the journal's body limit, or -1. */
  private int firstTruncated = -1;

  ReplayHost(Journal journal, ReplayClock clock) {
    this.journal = journal;
    this.clock = clock;
    for (int i = 0; i < journal.size(); i++) {
      if (journal.entry(i) instanceof HostCall call) {
        entryBySeq.put(call.seq(), i);
        order.add(i);
      }
    }
  }

  /** Completes with the first divergence, if there is one. */
  CompletableFuture<Divergence> divergence() {
    return divergence;
  }

  /** Recorded calls the replayed code never made (empty when it made them all). */
  List<HostCall> notMade() {
    List<HostCall> out = new ArrayList<>();
    for (int i = delivered; i < order.size(); i++) {
      HostCall call = (HostCall) journal.entry(order.get(i));
      if (!issued.containsKey(call.seq())) out.add(call);
    }
    return out;
  }

  int entryIndexOf(HostCall call) {
    return entryBySeq.get(call.seq());
  }

  @Override
  public boolean replaying() {
    return true;
  }

  @Override
  public CompletableFuture<ResponseData> fetch(Invocation from, RequestData request, dev.cairn.js.RedirectMode redirect) {
    return call(from, "fetch", JournalJson.fetch(request, redirect), bytes -> JournalJsonReader.response(JournalJsonReader.parse(bytes)));
  }

  @Override
  public CompletableFuture<ResponseData> serviceFetch(Invocation from, String service, RequestData request) {
    return call(from, "service.fetch", JournalJson.serviceFetch(service, request),
        bytes -> JournalJsonReader.response(JournalJsonReader.parse(bytes)));
  }

  @Override
  public CompletableFuture<String> serviceRpc(Invocation from, String service, String method, String encodedArgs) {
    return call(from, "service.rpc", JournalJson.rpc(service, method, encodedArgs),
        bytes -> JournalJsonReader.parse(bytes).path("value").asText());
  }

  @Override
  public CompletableFuture<ResponseData> entityFetch(Invocation from, String namespace, String id, String name, RequestData request) {
    return call(from, "entity.fetch", JournalJson.entityCall(namespace, id, "request", JournalJson.request(request)),
        bytes -> JournalJsonReader.response(JournalJsonReader.parse(bytes)));
  }

  @Override
  public CompletableFuture<String> entityRpc(Invocation from, String namespace, String id, String name, String method,
      String encodedArgs) {
    return call(from, "entity.rpc", JournalJson.entityCall(namespace, id, "call", JournalJson.rpcInput(method, encodedArgs)),
        bytes -> JournalJsonReader.parse(bytes).path("value").asText());
  }

  /** An entity's storage is answered from the journal: what it read then, it reads now; writes are compared, never made. */
  @Override
  public CompletableFuture<dev.cairn.js.StorageResult> storage(Invocation from, dev.cairn.js.EntityInstance instance,
      dev.cairn.js.StorageOp op) {
    return call(from, op.op(), op.args(), bytes -> JournalJsonReader.storageResult(op, JournalJsonReader.parse(bytes)));
  }

  @Override
  public CompletableFuture<dev.cairn.js.CapabilityReply> capability(Invocation from, dev.cairn.js.CapabilityCall call) {
    return call(from, call.op(), call.journalArgs(), JournalJsonReader::capabilityReply);
  }

  @Override
  public CompletableFuture<Void> timer(Invocation from, long delayMs) {
    return call(from, "timer", JournalJson.timer(delayMs), bytes -> null);
  }

  @Override
  public void log(Invocation from, String level, String text) {
    if (from == null) return; // module top-level output is not part of an invocation
    call(from, "log", JournalJson.log(level, text), bytes -> null);
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> call(Invocation from, String op, byte[] args, Function<byte[], Object> decode) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    if (pendingDivergence != null || divergence.isDone()) return (CompletableFuture<T>) future; // the replay is over: nothing more is answered
    int seq = from.hostCallsIssued() - 1;
    Integer index = entryBySeq.get(seq);
    if (index == null) {
      diverge(from, journal.size() - 1, "no host call #" + seq + " (the journal has " + order.size() + ")", describe(op, args));
      return (CompletableFuture<T>) future;
    }
    HostCall recorded = (HostCall) journal.entry(index);
    if (!recorded.op().equals(op) || !Arrays.equals(recorded.args().toArray(), args)) {
      diverge(from, index, describe(recorded.op(), recorded.args().toArray()), describe(op, args));
      return (CompletableFuture<T>) future;
    }
    issued.put(seq, new Pending(future, decode));
    pump();
    return (CompletableFuture<T>) future;
  }

  /** Delivers recorded results in journal order, as far as the calls have been issued. */
  private void pump() {
    while (delivered < order.size() && pendingDivergence == null && !divergence.isDone()) {
      HostCall call = (HostCall) journal.entry(order.get(delivered));
      Pending pending = issued.get(call.seq());
      if (pending == null) return;
      delivered++;
      clock.set(call.startMs() + call.durationUs() / 1000);
      switch (call.outcome()) {
        case Outcome.Value v -> {
          byte[] result = v.result().toArray();
          if (firstTruncated < 0 && call.op().endsWith("fetch") && JournalJsonReader.truncated(JournalJsonReader.parse(result))) {
            firstTruncated = order.get(delivered - 1);
          }
          pending.future().complete(pending.decode().apply(result));
        }
        case Outcome.Error e -> pending.future().completeExceptionally(new CairnException(codeOrInternal(e.code()), 502, e.message()));
      }
    }
  }

  private static String codeOrInternal(String code) {
    return code.matches("[a-z][a-z0-9_]*") ? code : "internal_error";
  }

  /**
   * Keeps the first divergence and asks the glue where the call was made: capturing a JS stack on
   * every call would cost more than replaying it, so it is taken only here (see {@link #callSiteTaken}).
   */
  private void diverge(Invocation from, int entryIndex, String recorded, String actual) {
    if (firstTruncated >= 0) {
      actual += " (note: the result of entry #" + firstTruncated + " was recorded with its body cut at "
          + JournalJson.BODY_BYTES_MAX + " bytes, so the code saw only that part in this replay)";
    }
    pendingDivergence = new Divergence(entryIndex, recorded, actual, "");
    from.wantCallSite();
  }

  @Override
  public void callSiteTaken(Invocation from) {
    Divergence d = pendingDivergence;
    if (d == null || divergence.isDone()) return;
    divergence.complete(new Divergence(d.entryIndex(), d.recorded(), d.actual(), stackOf(from)));
  }

  /** The JavaScript stack of the diverging call, as the glue reported it; Cairn's own frames are dropped. */
  private static String stackOf(Invocation from) {
    return from.callSite().lines().skip(1).filter(l -> !l.contains("cairn:")).map(String::strip)
        .reduce((a, b) -> a + "\n" + b).orElse("");
  }

  static String describe(String op, byte[] args) {
    String text = new String(args, StandardCharsets.UTF_8);
    return op + " " + (text.length() > 300 ? text.substring(0, 300) + "… (" + args.length + " bytes)" : text);
  }

  static String describe(JournalEntry entry) {
    return switch (entry) {
      case HostCall h -> describe(h.op(), h.args().toArray());
      default -> entry.kindName();
    };
  }
}
