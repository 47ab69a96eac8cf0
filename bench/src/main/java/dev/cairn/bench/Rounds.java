// cairn:port-implementation — a benchmark harness outside the runtime: it reads the clock and runs its own load threads.
package dev.cairn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Figures measured in alternating slices rather than one after another. On these shared 2-vCPU
 * machines the speed of the whole machine drifts by ±30 % within minutes (the raw Redis client's p50
 * has moved from 100 to 400 µs between two runs of the same build), more than the overhead a ratio is
 * meant to show. So each round runs every figure once for a short slice, in an order that rotates
 * from round to round, and a figure's ratio to the baseline (the first figure) is taken within each
 * round — its two sides measured seconds apart — then summarised as the median and the range over
 * the rounds. A figure's ops/s is the median over its slices; its p50/p99 pool all its calls.
 */
final class Rounds {
  /** One figure: what to call, and how many operations one call makes (100 for a loop of 100). */
  record Figure(String name, Supplier<CompletableFuture<?>> call, int opsPerCall) {}

  /** One slice of one figure: each call's latency, the slice's length and the process's CPU in it. */
  record Slice(long[] callNs, double seconds, long cpuNs) {
    long calls() {
      return callNs.length;
    }
  }

  /** A figure's summary: median ops/s over slices, pooled per-op latencies, CPU per op, ratio to the baseline. */
  record Summary(String name, double opsPerSecond, double p50Us, double p99Us, double cpuUsPerOp, double[] ratios) {
    String line() {
      String r = ratios == null || ratios.length == 0 ? "" : String.format(" vs_baseline_median=%+.1f%% range=%+.1f%%..%+.1f%% rounds=%d",
          100 * (median(ratios) - 1), 100 * (ratios[0] - 1), 100 * (ratios[ratios.length - 1] - 1), ratios.length);
      return String.format("RESULT %-34s ops/s=%8.0f p50_us=%8.1f p99_us=%8.1f cpu_us_per_op=%7.1f%s", name, opsPerSecond, p50Us, p99Us,
          cpuUsPerOp, r);
    }
  }

  /** How one slice is taken: {@code concurrency} callers for {@code seconds}. */
  interface Sampler {
    Slice sample(Supplier<CompletableFuture<?>> call, double seconds) throws Exception;
  }

  private Rounds() {}

  /**
   * Runs {@code rounds} rounds of one {@code sliceS} slice per figure; round {@code r} starts at
   * figure {@code r mod n}, so no figure always runs first. The cyclic order stays (handler after
   * raw, loop after handler): what one figure leaves behind for the next is the same in every round.
   */
  static List<Summary> run(List<Figure> figures, int rounds, double sliceS, Sampler sampler) throws Exception {
    if (figures.isEmpty() || rounds < 1) throw new IllegalArgumentException("need at least one figure and one round");
    int n = figures.size();
    Slice[][] slices = new Slice[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < n; k++) {
        int f = (r + k) % n;
        slices[f][r] = sampler.sample(figures.get(f).call(), sliceS);
      }
    }
    List<Summary> out = new ArrayList<>();
    for (int f = 0; f < n; f++) out.add(summary(figures.get(f), slices[f], f == 0 ? null : slices[0], figures.get(0).opsPerCall()));
    return out;
  }

  static Summary summary(Figure figure, Slice[] mine, Slice[] baseline, int baselineOpsPerCall) {
    int ops = figure.opsPerCall();
    double[] perSecond = new double[mine.length];
    long calls = 0;
    long cpuNs = 0;
    for (int r = 0; r < mine.length; r++) {
      perSecond[r] = opsPerSecond(mine[r], ops);
      calls += mine[r].calls();
      cpuNs += mine[r].cpuNs();
    }
    long[] pooled = new long[(int) calls];
    int at = 0;
    for (Slice s : mine) {
      System.arraycopy(s.callNs(), 0, pooled, at, s.callNs().length);
      at += s.callNs().length;
    }
    Arrays.sort(pooled);
    double[] ratios = null;
    if (baseline != null) {
      // A round whose baseline slice completed no call has no ratio; it is left out, not counted as one.
      ratios = java.util.stream.IntStream.range(0, mine.length)
          .filter(r -> opsPerSecond(baseline[r], baselineOpsPerCall) > 0)
          .mapToDouble(r -> perSecond[r] / opsPerSecond(baseline[r], baselineOpsPerCall))
          .sorted()
          .toArray();
    }
    double p50 = perOpUs(pooled, 0.5, ops);
    double p99 = perOpUs(pooled, 0.99, ops);
    double cpu = calls == 0 ? -1 : cpuNs / 1e3 / (calls * (double) ops);
    return new Summary(figure.name(), median(perSecond.clone()), p50, p99, cpu, ratios);
  }

  /** The {@code q} quantile of sorted call latencies (ns), per operation, in µs; 0 for none. */
  static double perOpUs(long[] sortedCallNs, double q, int opsPerCall) {
    int n = sortedCallNs.length;
    if (n == 0) return 0;
    return sortedCallNs[(int) Math.min(n - 1, (long) (n * q))] / 1e3 / opsPerCall;
  }

  static double opsPerSecond(Slice s, int opsPerCall) {
    return s.seconds() <= 0 ? 0 : s.calls() * (double) opsPerCall / s.seconds();
  }

  /** The median of {@code values} (sorted in place). */
  static double median(double[] values) {
    if (values.length == 0) return Double.NaN;
    Arrays.sort(values);
    int m = values.length / 2;
    return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
  }
}
