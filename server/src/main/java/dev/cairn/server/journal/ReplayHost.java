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
  private int delivered;

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
  public CompletableFuture<ResponseData> fetch(Invocation from, RequestData request) {
    return call(from, "fetch", JournalJson.request(request), bytes -> JournalJsonReader.response(JournalJsonReader.parse(bytes)));
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
    if (divergence.isDone()) return (CompletableFuture<T>) future; // the replay is over: nothing more is answered
    int seq = from.hostCallsIssued() - 1;
    Integer index = entryBySeq.get(seq);
    if (index == null) {
      diverge(journal.size() - 1, "no host call #" + seq + " (the journal has " + order.size() + ")", describe(op, args),
          stackOf(from, op));
      return (CompletableFuture<T>) future;
    }
    HostCall recorded = (HostCall) journal.entry(index);
    if (!recorded.op().equals(op) || !Arrays.equals(recorded.args().toArray(), args)) {
      diverge(index, describe(recorded.op(), recorded.args().toArray()), describe(op, args), stackOf(from, op));
      return (CompletableFuture<T>) future;
    }
    issued.put(seq, new Pending(future, decode));
    pump();
    return (CompletableFuture<T>) future;
  }

  /** Delivers recorded results in journal order, as far as the calls have been issued. */
  private void pump() {
    while (delivered < order.size() && !divergence.isDone()) {
      HostCall call = (HostCall) journal.entry(order.get(delivered));
      Pending pending = issued.get(call.seq());
      if (pending == null) return;
      delivered++;
      clock.set(call.startMs() + call.durationUs() / 1000);
      switch (call.outcome()) {
        case Outcome.Value v -> pending.future().complete(pending.decode().apply(v.result().toArray()));
        case Outcome.Error e -> pending.future().completeExceptionally(new CairnException(codeOrInternal(e.code()), 502, e.message()));
      }
    }
  }

  private static String codeOrInternal(String code) {
    return code.matches("[a-z][a-z0-9_]*") ? code : "internal_error";
  }

  private void diverge(int entryIndex, String recorded, String actual, String jsStack) {
    divergence.complete(new Divergence(entryIndex, recorded, actual, jsStack));
  }

  /**
   * The JavaScript stack of the diverging call, as the runtime glue reported it (fetch, bindings,
   * RPC); the glue's own frames are dropped. Console and timer calls carry no stack.
   */
  private static String stackOf(Invocation from, String op) {
    if (op.equals("log") || op.equals("timer")) return "";
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
