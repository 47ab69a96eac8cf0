package dev.cairn.js;

import dev.cairn.core.Prng;
import dev.cairn.core.spi.Cancellable;
import java.util.HashMap;
import java.util.Map;

/**
 * One run of a handler: a request, a cron fire or an RPC call. Its mutable state is touched only on
 * the event loop of the context running it; the few fields read by the CPU watchdog are volatile.
 *
 * <p>Lifecycle: running until the handler's promise settles (then {@link #responded}), finished when
 * also every {@code ctx.waitUntil} promise has settled, or a limit ended it.
 */
public final class Invocation {
  public enum Kind {
    FETCH("fetch"), SCHEDULED("scheduled"), RPC("rpc"),
    MESSAGE("message"), ENTITY_FETCH("entity.fetch"), ENTITY_RPC("entity.rpc"), ENTITY_ALARM("entity.alarm"),
    WORKFLOW("workflow");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The kind as journals and listings name it. */
    public String label() {
      return label;
    }

    /** True for events of durable entities, which are always journaled. */
    public boolean durable() {
      return this == ENTITY_FETCH || this == ENTITY_RPC || this == ENTITY_ALARM || this == WORKFLOW;
    }
  }

  private final String id;
  private final String service;
  private final Kind kind;
  private final long seed;
  private final Prng prng;
  private long timeMs;
  private int subrequests;
  volatile long cpuNs;
  boolean responded;
  /** Its answer waits at the output gate (an entity's writes are not durable yet); it leaves from there. */
  boolean gated;
  boolean finished;
  int waitUntilPending;
  int nextTimerId = 1;
  final Map<Integer, Cancellable> timers = new HashMap<>();
  Cancellable wallTimer = () -> {};
  /** The entity this event is delivered to, or null for a stateless invocation. Set on the loop. */
  EntityInstance entity;
  /** True once this entity event has passed the input gate and begun (only such an event counts as running there). */
  boolean entityEventBegun;
  /** Who answers this invocation's host calls when not the service's host (a workflow run journals its own). */
  HostServices host;
  /** The journal being recorded, or null when this invocation is not recorded (replay). */
  Recorder recorder;
  /** What the invocation answered, kept for the journal's end entry (set on the loop). */
  byte[] output;
  Throwable error;
  /** In replay: the JS stack of the diverging host call (an Error), once the glue reported it. */
  volatile org.graalvm.polyglot.Value callSite;
  /** Set by a replaying host when the call being made diverged: the glue then reports its stack. */
  volatile boolean callSiteWanted;
  boolean failed;
  private int nextSeq;
  /** Set by the watchdog before it interrupts the context; read by the loop when the interrupt lands. */
  volatile boolean cpuExceeded;
  /** A request body still arriving (streamed requests only), read through {@code body.read} host calls. */
  dev.cairn.core.http.BodySource requestBody;
  /** Request body bytes journaled so far: past {@link JournalJson#BODY_BYTES_MAX} a chunk keeps only its length. */
  long requestBodyJournaledBytes;
  /** The response body being streamed, from the handler's answer on; read by the wall-time timer. */
  volatile ResponseBody responseBody;

  Invocation(String id, String service, Kind kind, long seed, long startMs) {
    this.id = id;
    this.service = service;
    this.kind = kind;
    this.seed = seed;
    this.prng = new Prng(seed);
    this.timeMs = startMs;
  }

  public String id() { return id; }

  public String service() { return service; }

  public Kind kind() { return kind; }

  /** The entity this event runs on, if it is an entity event. */
  public java.util.Optional<EntityInstance> entity() { return java.util.Optional.ofNullable(entity); }

  /** Seed of this invocation's randomness: with it, {@code Math.random} replays exactly. */
  public long seed() { return seed; }

  /** Time as handler code sees it: the time of the last host call (it does not tick while JS runs). */
  public long timeMs() { return timeMs; }

  void advanceTime(long nowMs) {
    if (nowMs > timeMs) timeMs = nowMs;
  }

  Prng prng() { return prng; }

  public int subrequests() { return subrequests; }

  /** Counts one sub-request; false when that would pass the limit. */
  boolean takeSubrequest(int max) {
    if (subrequests >= max) return false;
    subrequests++;
    return true;
  }

  public long cpuTimeNs() { return cpuNs; }

  /** The seq of the next host call the handler issues: 0, 1, 2, ... in issue order (on the loop). */
  int issueSeq() {
    return nextSeq++;
  }

  /**
   * Asks for the JS stack of the host call being made: the glue reports it right after the call
   * returns, and {@link HostServices#callSiteTaken} follows once the running task ends.
   */
  public void wantCallSite() {
    callSiteWanted = true;
  }

  /** The JS stack where the diverging host call was made; only reported in replay. Read on the loop. */
  public String callSite() {
    org.graalvm.polyglot.Value error = callSite;
    if (error == null) return "";
    org.graalvm.polyglot.Value stack = error.getMember("stack");
    return stack == null || !stack.isString() ? "" : stack.asString();
  }

  /** Host calls issued so far. */
  public int hostCallsIssued() {
    return nextSeq;
  }

  void setTime(long timeMs) {
    this.timeMs = timeMs;
  }
}
