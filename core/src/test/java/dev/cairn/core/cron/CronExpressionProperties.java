package dev.cairn.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link CronExpression#nextAfterMs} against brute force. The oracle is {@link
 * CronExpression#matches}, a plain per-field membership test that shares nothing with the
 * field-skipping search: next must be after the instant, must match, and no matching time may lie
 * in between.
 */
class CronExpressionProperties {
  private static final long MINUTE_MS = 60_000;
  private static final long DAY_MS = 24 * 60 * MINUTE_MS;
  /** 1990-01-01 .. 2210-01-01: covers the non-leap 2100 and 2200. */
  private static final long FROM_MS = 631_152_000_000L;
  private static final long TO_MS = 7_573_824_000_000L;
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** Within a two-day window, minute by minute. */
  @Property(tries = 400)
  void nextIsTheFirstMatchingMinuteAfterTheInstant(@ForAll("expressions") String source, @ForAll("instants") long instant) {
    CronExpression expression = parseIfPossible(source);
    long next = expression.nextAfterMs(instant);
    assertThat(next).isGreaterThan(instant);
    assertThat(next % MINUTE_MS).isZero();
    assertThat(expression.matches(next)).as("%s matches %s", source, next).isTrue();
    long windowEnd = Math.min(next, instant + 2 * DAY_MS);
    for (long t = Math.floorDiv(instant, MINUTE_MS) * MINUTE_MS + MINUTE_MS; t < windowEnd; t += MINUTE_MS) {
      assertThat(expression.matches(t)).as("%s: %s lies between %s and %s", source, t, instant, next).isFalse();
    }
  }

  /**
   * With one fixed hour and minute, day by day over six years: exercises the day, month and
   * weekday skipping where fire times are far apart.
   */
  @Property(tries = 300)
  void nextIsTheFirstMatchingDayAfterTheInstant(
      @ForAll("sparseExpressions") String source, @ForAll("instants") long instant) {
    CronExpression expression = parseIfPossible(source);
    long next = expression.nextAfterMs(instant);
    assertThat(next).isGreaterThan(instant);
    assertThat(expression.matches(next)).isTrue();
    String[] fields = source.split(" ");
    long timeOfDayMs = (Long.parseLong(fields[1]) * 60 + Long.parseLong(fields[0])) * MINUTE_MS;
    long windowEnd = Math.min(next, instant + 6 * 366 * DAY_MS);
    for (long day = Math.floorDiv(instant, DAY_MS) * DAY_MS; day < windowEnd; day += DAY_MS) {
      long candidate = day + timeOfDayMs;
      if (candidate > instant && candidate < next) {
        assertThat(expression.matches(candidate)).as("%s: %s lies between %s and %s", source, candidate, instant, next).isFalse();
      }
    }
  }

  /** Consecutive fire times of any expression strictly increase and each matches. */
  @Property(tries = 200)
  void fireTimesIncrease(@ForAll("expressions") String source, @ForAll("instants") long instant) {
    CronExpression expression = parseIfPossible(source);
    long t = instant;
    for (int i = 0; i < 20; i++) {
      long next = expression.nextAfterMs(t);
      assertThat(next).isGreaterThan(t);
      assertThat(expression.matches(next)).isTrue();
      t = next;
    }
  }

  private static CronExpression parseIfPossible(String source) {
    try {
      return CronExpression.parse(source);
    } catch (CronException e) {
      // Only the never-fires check may reject a generated expression (e.g. 31 in FEB).
      assertThat(e.field()).isEqualTo("day-of-month");
      Assume.that(false);
      throw e;
    }
  }

  @Provide
  Arbitrary<Long> instants() {
    return Arbitraries.longs().between(FROM_MS, TO_MS);
  }

  @Provide
  Arbitrary<String> expressions() {
    return Combinators.combine(
        field(0, 59, List.of()), field(0, 23, List.of()), field(1, 31, List.of()),
        field(1, 12, MONTHS), field(0, 7, DAYS))
        .as((m, h, dom, mon, dow) -> String.join(" ", m, h, dom, mon, dow));
  }

  @Provide
  Arbitrary<String> sparseExpressions() {
    return Combinators.combine(
        Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 23),
        field(1, 31, List.of()), field(1, 12, MONTHS), field(0, 7, DAYS))
        .as((m, h, dom, mon, dow) -> String.join(" ", m.toString(), h.toString(), dom, mon, dow));
  }

  /** A field: one to three comma-separated items of every kind the grammar has. */
  private static Arbitrary<String> field(int min, int max, List<String> names) {
    Arbitrary<String> item = Arbitraries.oneOf(
        Arbitraries.just("*"),
        Arbitraries.integers().between(1, max).map(s -> "*/" + s),
        value(min, max, names),
        range(min, max, names),
        Combinators.combine(range(min, max, names), Arbitraries.integers().between(1, max)).as((r, s) -> r + "/" + s),
        Combinators.combine(value(min, max, names), Arbitraries.integers().between(1, max)).as((v, s) -> v + "/" + s));
    return item.list().ofMinSize(1).ofMaxSize(3).map(items -> String.join(",", items));
  }

  private static Arbitrary<String> range(int min, int max, List<String> names) {
    return Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.integers().between(min, max))
        .as((a, b) -> name(Math.min(a, b), min, names) + "-" + name(Math.max(a, b), min, names));
  }

  private static Arbitrary<String> value(int min, int max, List<String> names) {
    return Arbitraries.integers().between(min, max).map(v -> name(v, min, names));
  }

  /** Sometimes a name (in mixed case) instead of the number, where the field has names. */
  private static String name(int value, int min, List<String> names) {
    int index = value - min;
    if (names.isEmpty() || index >= names.size() || value % 2 == 0) {
      return Integer.toString(value);
    }
    String name = names.get(index);
    return value % 3 == 0 ? name.toLowerCase() : name;
  }
}
