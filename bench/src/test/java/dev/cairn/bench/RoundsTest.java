package dev.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RoundsTest {
  /** A figure whose "speed" is its factor times the machine's speed in that round. */
  private static Rounds.Figure figure(String name, int opsPerCall) {
    return new Rounds.Figure(name, () -> CompletableFuture.completedFuture(name), opsPerCall);
  }

  /**
   * A sampler on a machine whose speed changes every round (1×, 3×, 0.5×, ...): each figure makes
   * {@code base × factor × speed} calls per second, every call taking 1 / that.
   */
  private static final class DriftingMachine implements Rounds.Sampler {
    final double[] speedByRound = {1, 3, 0.5, 2, 1.5, 0.25};
    final java.util.Map<Supplier<CompletableFuture<?>>, Double> callsPerSecond = new java.util.IdentityHashMap<>();
    final List<String> order = new ArrayList<>();
    final int figures;
    int sampled;

    DriftingMachine(int figures) {
      this.figures = figures;
    }

    @Override
    public Rounds.Slice sample(Supplier<CompletableFuture<?>> call, double seconds) {
      double speed = speedByRound[sampled / figures];
      sampled++;
      order.add((String) call.get().join());
      double perSecond = callsPerSecond.get(call) * speed;
      int calls = (int) Math.round(perSecond * seconds);
      long[] ns = new long[calls];
      Arrays.fill(ns, Math.round(1e9 / perSecond));
      return new Rounds.Slice(ns, seconds, 0);
    }
  }

  @Test
  void ratiosAreTakenWithinEachRoundSoTheMachinesDriftCancels() throws Exception {
    var raw = figure("raw", 1);
    var loop = figure("loop", 100);
    var machine = new DriftingMachine(2);
    machine.callsPerSecond.put(raw.call(), 10_000.0);
    machine.callsPerSecond.put(loop.call(), 80.0); // 8,000 ops/s: 20 % below raw in every round

    List<Rounds.Summary> out = Rounds.run(List.of(raw, loop), 6, 1.0, machine);

    assertThat(out.get(0).ratios()).as("the baseline has no ratio to itself").isNull();
    assertThat(out.get(1).ratios()).hasSize(6);
    for (double r : out.get(1).ratios()) assertThat(r).isCloseTo(0.8, within(0.01));
    // The machine's speed went from 0.25x to 3x over the rounds; each round's ratio is still exact.
    assertThat(out.get(1).line()).contains("vs_baseline_median=-20.0%");
    assertThat(out.get(1).p50Us()).as("per operation: a 100-op call's latency / 100").isGreaterThan(0);
  }

  @Test
  void theOrderRotatesSoNoFigureAlwaysRunsFirst() throws Exception {
    var a = figure("a", 1);
    var b = figure("b", 1);
    var c = figure("c", 1);
    var machine = new DriftingMachine(3);
    for (var f : List.of(a, b, c)) machine.callsPerSecond.put(f.call(), 1000.0);

    Rounds.run(List.of(a, b, c), 3, 0.1, machine);

    assertThat(machine.order).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
  }

  @Test
  void summaryPoolsLatenciesAndTakesTheMedianSlice() {
    var f = figure("f", 1);
    Rounds.Slice fast = new Rounds.Slice(new long[] {1_000, 1_000, 1_000, 1_000}, 1.0, 8_000);
    Rounds.Slice slow = new Rounds.Slice(new long[] {9_000, 9_000}, 1.0, 4_000);
    Rounds.Slice mid = new Rounds.Slice(new long[] {5_000, 5_000, 5_000}, 1.0, 6_000);

    Rounds.Summary s = Rounds.summary(f, new Rounds.Slice[] {fast, slow, mid}, null, 1);

    assertThat(s.opsPerSecond()).isEqualTo(3.0);
    assertThat(s.p50Us()).isEqualTo(5.0); // pooled 1,1,1,1,5,5,5,9,9 µs
    assertThat(s.p99Us()).isEqualTo(9.0);
    assertThat(s.cpuUsPerOp()).isCloseTo(18.0 / 9, within(1e-9));
  }

  @Test
  void aRoundWhoseBaselineMadeNoCallHasNoRatio() {
    var loop = figure("loop", 1);
    Rounds.Slice none = new Rounds.Slice(new long[0], 1.0, 0);
    Rounds.Slice two = new Rounds.Slice(new long[] {1_000, 1_000}, 1.0, 0);
    Rounds.Slice one = new Rounds.Slice(new long[] {1_000}, 1.0, 0);

    Rounds.Summary s = Rounds.summary(loop, new Rounds.Slice[] {one, one}, new Rounds.Slice[] {none, two}, 1);

    assertThat(s.ratios()).containsExactly(0.5);
    assertThat(Rounds.summary(loop, new Rounds.Slice[] {one}, new Rounds.Slice[] {none}, 1).line()).doesNotContain("vs_baseline");
  }

  @Test
  void aRunWithoutFiguresOrRoundsIsRefused() {
    assertThatThrownBy(() -> Rounds.run(List.of(), 3, 1, (c, s) -> null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rounds.run(List.of(figure("a", 1)), 0, 1, (c, s) -> null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertThat(Rounds.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Rounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Rounds.median(new double[] {})).isNaN();
  }
}
