package dev.cairn.core;

/**
 * Named limits of one service, each with a default. Exceeding one is a clear error with a stable
 * code, never a hang. Set app-wide or per service in {@code cairn.yaml} under {@code limits:}.
 *
 * @param cpuTimeMs CPU time one invocation may use (JS execution on its event loop)
 * @param wallTimeMs wall time from the start of an invocation to its response
 * @param bodyBytesMax largest request or response body, in bytes
 * @param subrequestsMax service-binding calls, RPC calls and outbound fetches per invocation
 * @param concurrentInvocationsMax invocations of one service in flight at once; more wait
 * @param queueWaitMs how long an invocation may wait for a free slot before {@code service_overloaded}
 * @param contexts JavaScript contexts (isolates) per service; requests interleave inside each
 */
public record Limits(
    long cpuTimeMs,
    long wallTimeMs,
    long bodyBytesMax,
    int subrequestsMax,
    int concurrentInvocationsMax,
    long queueWaitMs,
    int contexts) {

  public static final Limits DEFAULTS = new Limits(1_000, 30_000, 16L * 1024 * 1024, 1_000, 512, 5_000, 2);

  public Limits {
    positive("cpuTimeMs", cpuTimeMs);
    positive("wallTimeMs", wallTimeMs);
    positive("bodyBytesMax", bodyBytesMax);
    positive("subrequestsMax", subrequestsMax);
    positive("concurrentInvocationsMax", concurrentInvocationsMax);
    if (queueWaitMs < 0) throw new IllegalArgumentException("queueWaitMs must be >= 0, got " + queueWaitMs);
    positive("contexts", contexts);
    if (contexts > 64) throw new IllegalArgumentException("contexts must be <= 64, got " + contexts);
  }

  private static void positive(String name, long value) {
    if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + value);
  }

  public Limits withCpuTimeMs(long v) { return new Limits(v, wallTimeMs, bodyBytesMax, subrequestsMax, concurrentInvocationsMax, queueWaitMs, contexts); }
  public Limits withWallTimeMs(long v) { return new Limits(cpuTimeMs, v, bodyBytesMax, subrequestsMax, concurrentInvocationsMax, queueWaitMs, contexts); }
  public Limits withBodyBytesMax(long v) { return new Limits(cpuTimeMs, wallTimeMs, v, subrequestsMax, concurrentInvocationsMax, queueWaitMs, contexts); }
  public Limits withSubrequestsMax(int v) { return new Limits(cpuTimeMs, wallTimeMs, bodyBytesMax, v, concurrentInvocationsMax, queueWaitMs, contexts); }
  public Limits withConcurrentInvocationsMax(int v) { return new Limits(cpuTimeMs, wallTimeMs, bodyBytesMax, subrequestsMax, v, queueWaitMs, contexts); }
  public Limits withQueueWaitMs(long v) { return new Limits(cpuTimeMs, wallTimeMs, bodyBytesMax, subrequestsMax, concurrentInvocationsMax, v, contexts); }
  public Limits withContexts(int v) { return new Limits(cpuTimeMs, wallTimeMs, bodyBytesMax, subrequestsMax, concurrentInvocationsMax, queueWaitMs, v); }
}
