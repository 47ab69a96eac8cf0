package dev.cairn.core.cron;

import dev.cairn.core.Invariants;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron expression, evaluated in UTC like Cloudflare's cron triggers:
 * {@code minute hour day-of-month month day-of-week}.
 *
 * <p>Fields accept {@code *}, values, lists {@code 1,2}, ranges {@code 1-5}, steps {@code *}{@code /15}
 * and {@code 10-50/5}, month names {@code JAN-DEC} and weekday names {@code SUN-SAT} (any case);
 * day-of-week 0 and 7 are both Sunday. The macros {@code @yearly} ({@code @annually}),
 * {@code @monthly}, {@code @weekly}, {@code @daily} ({@code @midnight}) and {@code @hourly} stand
 * for their usual expansions. See {@link CronField} for the exact grammar of a field.
 *
 * <p><b>Day matching (the Vixie rule).</b> When day-of-month and day-of-week are both restricted,
 * a day matches if <em>either</em> matches ({@code 0 0 1 * MON} fires on the 1st and on every
 * Monday). As in Vixie cron, a field counts as unrestricted when its text starts with {@code *},
 * so {@code *}{@code /2} is unrestricted; then both must match, which for a plain {@code *} means
 * only the other field decides.
 *
 * <p><b>Impossible expressions are rejected at parse time</b> ({@code 0 0 30 2 *} never fires):
 * a cron trigger that silently never runs is a deployment mistake, so it gets a clear
 * {@link CronException} instead of a fire time of {@code Long.MAX_VALUE}. Hence
 * {@link #nextAfterMs(long)} always finds a time.
 *
 * <p><b>No clock here.</b> This class never reads the time: every instant comes in as an argument,
 * so the same inputs give the same answers in production, tests, replay and the simulator.
 * Instances are immutable and thread-safe.
 */
public final class CronExpression {
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  private static final long MINUTE_MS = 60_000;
  /** Earliest instant accepted: 0001-01-01T00:00Z. */
  private static final long EPOCH_MS_MIN = -62_135_596_800_000L;
  /** Latest instant accepted: 9999-12-31T23:59:59.999Z. */
  private static final long EPOCH_MS_MAX = 253_402_300_799_999L;
  /**
   * Years searched before giving up. The Gregorian calendar repeats every 400 years, so a possible
   * expression (and parse only admits those) always matches well within this; reaching it is a bug.
   */
  private static final int YEARS_SEARCHED_MAX = 400;
  /** Longest each month can be (February 29 exists in leap years), for the parse-time check. */
  private static final int[] MONTH_DAYS_MAX = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private final String source;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  /** True when both day fields are restricted and a day matches if either does (the Vixie rule). */
  private final boolean eitherDayField;

  private CronExpression(String source, String[] fields) {
    this.source = source;
    this.minutes = CronField.MINUTE.parse(source, fields[0]);
    this.hours = CronField.HOUR.parse(source, fields[1]);
    this.daysOfMonth = CronField.DAY_OF_MONTH.parse(source, fields[2]);
    this.months = CronField.MONTH.parse(source, fields[3]);
    this.daysOfWeek = CronField.DAY_OF_WEEK.parse(source, fields[4]);
    this.eitherDayField = !fields[2].startsWith("*") && !fields[4].startsWith("*");
    if (!eitherDayField) {
      requireSomeDayExists();
    }
  }

  /**
   * Parses {@code source}: five fields separated by spaces or tabs, or a macro, on one line.
   *
   * @throws CronException with code {@code cron_invalid} naming the bad field and what it allows
   */
  public static CronExpression parse(String source) {
    Invariants.notNull(source, "cron source");
    if (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
      // Callers key stored state by the source and list sources one per line.
      throw CronException.invalid(source, "expression", "must be on one line");
    }
    String trimmed = source.strip();
    if (trimmed.startsWith("@")) {
      String expansion = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
      if (expansion == null) {
        throw CronException.invalid(source, "expression",
            "unknown macro " + trimmed + "; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
      }
      return new CronExpression(source, expansion.split(" "));
    }
    String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
    if (fields.length != 5) {
      throw CronException.invalid(source, "expression",
          "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got " + fields.length);
    }
    return new CronExpression(source, fields);
  }

  /** The expression exactly as given to {@link #parse(String)}. */
  public String source() {
    return source;
  }

  /**
   * The first fire time strictly after {@code epochMs}: the start of a matching UTC minute, in
   * epoch milliseconds. Skips whole months, days and hours that cannot match, so a yearly
   * expression costs a few dozen steps, not half a million minutes.
   *
   * @param epochMs an instant between year 1 and year 9999
   */
  public long nextAfterMs(long epochMs) {
    Invariants.check(epochMs >= EPOCH_MS_MIN && epochMs <= EPOCH_MS_MAX, "cron instant out of range: %s", epochMs);
    LocalDateTime start = LocalDateTime.ofEpochSecond((Math.floorDiv(epochMs, MINUTE_MS) + 1) * 60, 0, ZoneOffset.UTC);
    int year = start.getYear();
    int month = start.getMonthValue();
    int day = start.getDayOfMonth();
    int hour = start.getHour();
    int minute = start.getMinute();
    int yearLimit = year + YEARS_SEARCHED_MAX;
    while (true) {
      Invariants.check(year <= yearLimit, "cron %s found no fire time within %s years", source, YEARS_SEARCHED_MAX);
      if (!has(months, month)) {
        int next = nextSet(months, month);
        if (next > 12) {
          year++;
          next = nextSet(months, 1);
        }
        month = next;
        day = 1;
        hour = 0;
        minute = 0;
        continue;
      }
      if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
        month++;
        if (month > 12) {
          year++;
          month = 1;
        }
        day = 1;
        hour = 0;
        minute = 0;
        continue;
      }
      if (!dayMatches(LocalDate.of(year, month, day))) {
        day++;
        hour = 0;
        minute = 0;
        continue;
      }
      int nextHour = nextSet(hours, hour);
      if (nextHour > 23) {
        day++;
        hour = 0;
        minute = 0;
        continue;
      }
      if (nextHour != hour) {
        hour = nextHour;
        minute = 0;
      }
      int nextMinute = nextSet(minutes, minute);
      if (nextMinute > 59) {
        hour++;
        minute = 0;
        if (hour > 23) {
          day++;
          hour = 0;
        }
        continue;
      }
      return LocalDateTime.of(year, month, day, hour, nextMinute).toEpochSecond(ZoneOffset.UTC) * 1000;
    }
  }

  /** True when the UTC minute containing {@code epochMs} matches this expression. */
  public boolean matches(long epochMs) {
    Invariants.check(epochMs >= EPOCH_MS_MIN && epochMs <= EPOCH_MS_MAX, "cron instant out of range: %s", epochMs);
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, MINUTE_MS) * 60, 0, ZoneOffset.UTC);
    return has(minutes, t.getMinute())
        && has(hours, t.getHour())
        && has(months, t.getMonthValue())
        && dayMatches(t.toLocalDate());
  }

  private boolean dayMatches(LocalDate date) {
    boolean byMonthDay = has(daysOfMonth, date.getDayOfMonth());
    boolean byWeekDay = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
    return eitherDayField ? byMonthDay || byWeekDay : byMonthDay && byWeekDay;
  }

  /**
   * When day-of-month decides together with (not instead of) day-of-week, some selected day must
   * exist in some selected month. Each such date falls on every weekday within the 400-year cycle,
   * so this is the only way a valid expression can never fire.
   */
  private void requireSomeDayExists() {
    for (int m = 1; m <= 12; m++) {
      if (has(months, m) && (daysOfMonth & ((1L << (MONTH_DAYS_MAX[m] + 1)) - 1)) != 0) {
        return;
      }
    }
    throw CronException.invalid(source, "day-of-month",
        "none of these days exists in the selected months, so the expression would never fire");
  }

  private static boolean has(long mask, int value) {
    return (mask & (1L << value)) != 0;
  }

  /** The smallest set bit at or above {@code from}, or 64 when there is none. */
  private static int nextSet(long mask, int from) {
    return Long.numberOfTrailingZeros(mask & (-1L << from));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression that && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
