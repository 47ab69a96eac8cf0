package dev.cairn.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The syntax, one feature per test, by the fire times it produces. Times are UTC. */
class CronExpressionTest {

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /** The next {@code count} fire times after {@code from}, as ISO strings. */
  private static List<String> fires(String cron, String from, int count) {
    CronExpression expression = CronExpression.parse(cron);
    List<String> out = new ArrayList<>();
    long t = at(from);
    for (int i = 0; i < count; i++) {
      t = expression.nextAfterMs(t);
      out.add(Instant.ofEpochMilli(t).toString());
    }
    return out;
  }

  @Test
  void everyMinuteIsStrictlyAfterTheInstant() {
    assertThat(fires("* * * * *", "2025-03-01T10:00:00Z", 2))
        .containsExactly("2025-03-01T10:01:00Z", "2025-03-01T10:02:00Z");
    assertThat(fires("* * * * *", "2025-03-01T10:00:59.999Z", 1)).containsExactly("2025-03-01T10:01:00Z");
  }

  @Test
  void listsOfValues() {
    assertThat(fires("5,35 1,2 * * *", "2025-03-01T00:00:00Z", 5)).containsExactly(
        "2025-03-01T01:05:00Z", "2025-03-01T01:35:00Z", "2025-03-01T02:05:00Z", "2025-03-01T02:35:00Z",
        "2025-03-02T01:05:00Z");
  }

  @Test
  void ranges() {
    assertThat(fires("0 22-23 * * *", "2025-03-01T12:00:00Z", 3))
        .containsExactly("2025-03-01T22:00:00Z", "2025-03-01T23:00:00Z", "2025-03-02T22:00:00Z");
  }

  @Test
  void stepsOverTheWholeField() {
    assertThat(fires("*/15 * * * *", "2025-03-01T10:07:00Z", 4)).containsExactly(
        "2025-03-01T10:15:00Z", "2025-03-01T10:30:00Z", "2025-03-01T10:45:00Z", "2025-03-01T11:00:00Z");
  }

  @Test
  void stepsOverARange() {
    assertThat(fires("10-50/20 * * * *", "2025-03-01T10:00:00Z", 4)).containsExactly(
        "2025-03-01T10:10:00Z", "2025-03-01T10:30:00Z", "2025-03-01T10:50:00Z", "2025-03-01T11:10:00Z");
  }

  @Test
  void aValueWithAStepRunsToTheEndOfTheField() {
    assertThat(fires("50/5 * * * *", "2025-03-01T10:00:00Z", 3))
        .containsExactly("2025-03-01T10:50:00Z", "2025-03-01T10:55:00Z", "2025-03-01T11:50:00Z");
  }

  @Test
  void monthNamesInAnyCase() {
    assertThat(fires("0 0 1 jan,Jul *", "2025-03-01T00:00:00Z", 2))
        .containsExactly("2025-07-01T00:00:00Z", "2026-01-01T00:00:00Z");
    assertThat(fires("0 0 1 FEB-apr *", "2025-03-01T00:00:00Z", 3))
        .containsExactly("2025-04-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");
  }

  @Test
  void weekdayNamesAndRanges() {
    // 2025-03-01 is a Saturday.
    assertThat(fires("0 9 * * mon-FRI", "2025-03-01T00:00:00Z", 6)).containsExactly(
        "2025-03-03T09:00:00Z", "2025-03-04T09:00:00Z", "2025-03-05T09:00:00Z", "2025-03-06T09:00:00Z",
        "2025-03-07T09:00:00Z", "2025-03-10T09:00:00Z");
  }

  @ParameterizedTest
  @CsvSource({"0", "7", "SUN", "sun", "6-7", "0-0"})
  void zeroAndSevenAreSunday(String dayOfWeek) {
    assertThat(fires("0 0 * * " + dayOfWeek, "2025-03-01T12:00:00Z", 1)).containsExactly("2025-03-02T00:00:00Z");
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEither() {
    // The 15th, or any Monday: Vixie cron's rule.
    assertThat(fires("0 0 15 * MON", "2025-03-01T00:00:00Z", 5)).containsExactly(
        "2025-03-03T00:00:00Z", "2025-03-10T00:00:00Z", "2025-03-15T00:00:00Z", "2025-03-17T00:00:00Z",
        "2025-03-24T00:00:00Z");
  }

  @Test
  void aStarredDayFieldMeansBothMustMatch() {
    // Odd days that are Mondays: */2 starts with a star, so it counts as unrestricted.
    assertThat(fires("0 0 */2 * MON", "2025-03-01T00:00:00Z", 3))
        .containsExactly("2025-03-03T00:00:00Z", "2025-03-17T00:00:00Z", "2025-03-31T00:00:00Z");
  }

  @Test
  void leapDaysAreFoundYearsAhead() {
    assertThat(fires("0 0 29 2 *", "2097-01-01T00:00:00Z", 2))
        .containsExactly("2104-02-29T00:00:00Z", "2108-02-29T00:00:00Z");
  }

  @Test
  void dayThirtyOneSkipsShortMonths() {
    assertThat(fires("0 0 31 * *", "2025-03-31T00:00:00Z", 3))
        .containsExactly("2025-05-31T00:00:00Z", "2025-07-31T00:00:00Z", "2025-08-31T00:00:00Z");
  }

  @Test
  void yearEndRollsOver() {
    assertThat(fires("59 23 31 12 *", "2025-12-31T23:59:00Z", 1)).containsExactly("2026-12-31T23:59:00Z");
  }

  @Test
  void instantsBeforeTheEpochWork() {
    assertThat(fires("0 0 * * *", "1969-12-31T12:00:00Z", 1)).containsExactly("1970-01-01T00:00:00Z");
  }

  @ParameterizedTest
  @CsvSource({
      "@yearly,    2026-01-01T00:00:00Z",
      "@annually,  2026-01-01T00:00:00Z",
      "@monthly,   2025-04-01T00:00:00Z",
      "@weekly,    2025-03-02T00:00:00Z",
      "@daily,     2025-03-02T00:00:00Z",
      "@midnight,  2025-03-02T00:00:00Z",
      "@hourly,    2025-03-01T13:00:00Z",
      "@DAILY,     2025-03-02T00:00:00Z"})
  void macros(String macro, String next) {
    assertThat(fires(macro, "2025-03-01T12:00:00Z", 1)).containsExactly(next);
  }

  @Test
  void sourceIsKeptAsWritten() {
    assertThat(CronExpression.parse(" */5  *\t* * * ").source()).isEqualTo(" */5  *\t* * * ");
    assertThat(CronExpression.parse("@hourly").source()).isEqualTo("@hourly");
  }

  @Test
  void matchesTheMinuteContainingTheInstant() {
    CronExpression expression = CronExpression.parse("30 12 * * *");
    assertThat(expression.matches(at("2025-03-01T12:30:00Z"))).isTrue();
    assertThat(expression.matches(at("2025-03-01T12:30:59Z"))).isTrue();
    assertThat(expression.matches(at("2025-03-01T12:31:00Z"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "61 * * * *        | \"61 * * * *\": minute: 61 is out of range 0-59",
      "* 24 * * *        | \"* 24 * * *\": hour: 24 is out of range 0-23",
      "* * 0 * *         | \"* * 0 * *\": day-of-month: 0 is out of range 1-31",
      "* * 32 * *        | \"* * 32 * *\": day-of-month: 32 is out of range 1-31",
      "* * * 13 *        | \"* * * 13 *\": month: 13 is out of range 1-12 or JAN-DEC",
      "* * * * 8         | \"* * * * 8\": day-of-week: 8 is out of range 0-7 or SUN-SAT (0 and 7 are Sunday)",
      "* * * FOO *       | \"* * * FOO *\": month: \"FOO\" is not a month name; expected 1-12 or JAN-DEC",
      "* * * * MONDAY    | \"* * * * MONDAY\": day-of-week: \"MONDAY\" is not a day-of-week name; expected 0-7 or SUN-SAT (0 and 7 are Sunday)",
      "MON * * * *       | \"MON * * * *\": minute: \"MON\" is not a valid value; expected 0-59",
      "5-1 * * * *       | \"5-1 * * * *\": minute: range 5-1 goes backwards; ranges do not wrap, write low-high",
      "*/0 * * * *       | \"*/0 * * * *\": minute: step 0 is out of range 1-59",
      "*/60 * * * *      | \"*/60 * * * *\": minute: step 60 is out of range 1-59",
      "*/x * * * *       | \"*/x * * * *\": minute: \"x\" is not a valid step; expected a number 1-59",
      "1,,2 * * * *      | \"1,,2 * * * *\": minute: empty list item in \"1,,2\"; separate values with single commas",
      "1- * * * *        | \"1- * * * *\": minute: \"\" is not a valid value; expected 0-59",
      "99999999999 * * * * | \"99999999999 * * * *\": minute: 99999999999 is out of range 0-59",
      "* * * *           | \"* * * *\": expression: expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got 4",
      "* * * * * *       | \"* * * * * *\": expression: expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got 6",
      "@reboot           | \"@reboot\": expression: unknown macro @reboot; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly",
      "0 0 30 2 *        | \"0 0 30 2 *\": day-of-month: none of these days exists in the selected months, so the expression would never fire",
      "0 0 31 4,6,9,11 * | \"0 0 31 4,6,9,11 *\": day-of-month: none of these days exists in the selected months, so the expression would never fire"})
  void errorsNameTheFieldAndWhatItAllows(String source, String message) {
    assertThatThrownBy(() -> CronExpression.parse(source))
        .isInstanceOfSatisfying(CronException.class, e -> {
          assertThat(e.code()).isEqualTo("cron_invalid");
          assertThat(e.httpStatus()).isEqualTo(500);
          assertThat(e.source()).isEqualTo(source);
        })
        .hasMessage(message);
  }

  @Test
  void emptyExpressionIsAnError() {
    assertThatThrownBy(() -> CronExpression.parse("  "))
        .isInstanceOf(CronException.class)
        .hasMessageContaining("expected 5 fields");
  }

  @Test
  void lineBreaksAreAnError() {
    assertThatThrownBy(() -> CronExpression.parse("* * * * *\n"))
        .isInstanceOf(CronException.class)
        .hasMessageEndingWith("expression: must be on one line");
  }

  @Test
  void impossibleInOneMonthButPossibleInAnotherIsAccepted() {
    assertThat(fires("0 0 30 1-2 *", "2025-01-31T00:00:00Z", 1)).containsExactly("2026-01-30T00:00:00Z");
  }

  @Test
  void theDayOfWeekRuleMakesAnImpossibleDayOfMonthHarmless() {
    // Feb 30 never occurs, but Mondays in February do: either field may match.
    assertThat(fires("0 0 30 2 MON", "2025-01-01T00:00:00Z", 1)).containsExactly("2025-02-03T00:00:00Z");
  }
}
