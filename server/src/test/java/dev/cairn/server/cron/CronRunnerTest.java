package dev.cairn.server.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.cron.CronException;
import dev.cairn.server.cron.RecordingInvoker.Fire;
import dev.cairn.server.cron.RecordingInvoker.Outcome;
import dev.cairn.store.SqliteStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner in virtual time against a real SQLite file. A "restart" closes the runner (and the
 * storage) and starts a new one on the same file; a "crash" is the same with a handler still running.
 */
class CronRunnerTest {
  private static final long MINUTE_MS = 60_000;
  private static final String EVERY_5 = "*/5 * * * *";
  private static final Map<String, List<String>> API_EVERY_5 = Map.of("api", List.of(EVERY_5));

  @TempDir Path dir;
  private final VirtualTime time = new VirtualTime(at("2025-01-01T00:02:30Z"));
  private final RecordingInvoker invoker = new RecordingInvoker(time);
  private SqliteStorage storage;
  private CronRunner runner;

  @BeforeEach
  void openStorage() {
    storage = SqliteStorage.open(dir.resolve("cairn.db"));
  }

  @AfterEach
  void closeAll() {
    if (runner != null) {
      runner.close();
    }
    storage.close();
  }

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static Fire fire(String scheduled, String at) {
    return new Fire("api", EVERY_5, "2025-01-01T" + scheduled + "Z", "2025-01-01T" + at + "Z");
  }

  private static Fire fire(String scheduled) {
    return fire(scheduled, scheduled);
  }

  private void start(Map<String, List<String>> cron) {
    runner = new CronRunner(time, time, storage, invoker);
    runner.start(cron);
  }

  /** Closes the runner and the storage, then opens both again: what a process restart does. */
  private void restart(Map<String, List<String>> cron) {
    runner.close();
    storage.close();
    storage = SqliteStorage.open(dir.resolve("cairn.db"));
    start(cron);
  }

  /** Advances until the clock reads {@code iso}. */
  private void advanceTo(String iso) {
    time.advance(at(iso) - time.nowMs());
  }

  private String record(String key) {
    return storage.get(CronRunner.NAMESPACE, key).orElse("(none)");
  }

  @Test
  void firesAtTheMatchingMinutes() {
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:20:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"), fire("00:10:00"), fire("00:15:00"), fire("00:20:00"));
  }

  @Test
  void aReloadWhileASlotRunsNeitherRepeatsNorLosesIt() {
    start(API_EVERY_5);
    invoker.answer(Outcome.HANG);
    advanceTo("2025-01-01T00:05:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));

    runner.reconfigure(API_EVERY_5); // cairn dev reloaded the app while the handler runs
    time.advance(0);
    advanceTo("2025-01-01T00:06:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));
    assertThat(record("api|" + EVERY_5)).startsWith("v1 running " + at("2025-01-01T00:05:00Z"));

    invoker.answer(Outcome.SUCCEED);
    invoker.finishHanging();
    assertThat(record("api|" + EVERY_5)).isEqualTo("v1 pending " + at("2025-01-01T00:10:00Z") + " 0");
    advanceTo("2025-01-01T00:10:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"), fire("00:10:00"));
  }

  @Test
  void aReloadThatDropsAnExpressionStopsIt() {
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    runner.reconfigure(Map.of("api", List.of()));
    advanceTo("2025-01-01T00:20:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));
    assertThat(record("api|" + EVERY_5)).isEqualTo("(none)");
  }

  @Test
  void storesTheSlotDueNext() {
    start(API_EVERY_5);
    assertThat(record("api|" + EVERY_5)).isEqualTo("v1 pending " + at("2025-01-01T00:05:00Z") + " 0");
    advanceTo("2025-01-01T00:05:00Z");
    assertThat(record("api|" + EVERY_5)).isEqualTo("v1 pending " + at("2025-01-01T00:10:00Z") + " 0");
  }

  @Test
  void missedSlotsFireOncePromptlyThenTheScheduleResumes() {
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    runner.close();
    advanceTo("2025-01-01T00:17:00Z"); // down through 00:10 and 00:15
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));

    restart(API_EVERY_5);
    time.advance(0);
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"), fire("00:10:00", "00:17:00"));

    advanceTo("2025-01-01T00:30:00Z");
    assertThat(invoker.fires()).containsExactly(
        fire("00:05:00"), fire("00:10:00", "00:17:00"), fire("00:20:00"), fire("00:25:00"), fire("00:30:00"));
  }

  @Test
  void aRestartBeforeTheSlotNeitherFiresEarlyNorTwice() {
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:03:30Z");
    restart(API_EVERY_5);
    advanceTo("2025-01-01T00:04:00Z");
    restart(API_EVERY_5);
    advanceTo("2025-01-01T00:04:59Z");
    assertThat(invoker.fires()).isEmpty();
    advanceTo("2025-01-01T00:09:59Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));
  }

  @Test
  void aRestartRightAfterACompletedFireDoesNotRepeatIt() {
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    restart(API_EVERY_5);
    advanceTo("2025-01-01T00:09:59Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));
  }

  @Test
  void aFailingHandlerStillAdvances() {
    invoker.answer(Outcome.FAIL);
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:10:00Z");
    invoker.answer(Outcome.THROW);
    advanceTo("2025-01-01T00:20:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"), fire("00:10:00"), fire("00:15:00"), fire("00:20:00"));
    assertThat(record("api|" + EVERY_5)).startsWith("v1 pending " + at("2025-01-01T00:25:00Z"));
  }

  @Test
  void aFireInterruptedByACrashRunsAgainWithTheSameScheduledTime() {
    invoker.answer(Outcome.HANG);
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    assertThat(record("api|" + EVERY_5)).isEqualTo("v1 running " + at("2025-01-01T00:05:00Z") + " 1");

    invoker.answer(Outcome.SUCCEED);
    advanceTo("2025-01-01T00:06:00Z");
    restart(API_EVERY_5); // the crash: the handler never finished
    advanceTo("2025-01-01T00:10:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"), fire("00:05:00", "00:06:00"), fire("00:10:00"));
  }

  @Test
  void aHandlerFinishingAfterCloseIsNotRecordedAsDone() {
    invoker.answer(Outcome.HANG);
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    runner.close();
    invoker.finishHanging();
    assertThat(record("api|" + EVERY_5)).isEqualTo("v1 running " + at("2025-01-01T00:05:00Z") + " 1");
  }

  @Test
  void aSlotThatKeepsCrashingTheNodeIsAbandoned() {
    invoker.answer(Outcome.HANG);
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    for (int i = 1; i < CronRunner.SLOT_STARTS_MAX; i++) {
      restart(API_EVERY_5);
      time.advance(0);
    }
    assertThat(invoker.fires()).hasSize(CronRunner.SLOT_STARTS_MAX).allMatch(f -> f.scheduled().endsWith("00:05:00Z"));

    invoker.answer(Outcome.SUCCEED);
    restart(API_EVERY_5);
    advanceTo("2025-01-01T00:10:00Z");
    assertThat(invoker.fires()).hasSize(CronRunner.SLOT_STARTS_MAX + 1).last().isEqualTo(fire("00:10:00"));
  }

  @Test
  void eachServiceAndExpressionFiresOnItsOwn() {
    start(Map.of("api", List.of(EVERY_5, "0 * * * *"), "mail", List.of("@hourly")));
    advanceTo("2025-01-01T01:00:00Z");
    List<Fire> onTheHour = invoker.fires().stream().filter(f -> f.scheduled().equals("2025-01-01T01:00:00Z")).toList();
    assertThat(onTheHour).extracting(Fire::service, Fire::cron).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("api", EVERY_5),
        org.assertj.core.groups.Tuple.tuple("api", "0 * * * *"),
        org.assertj.core.groups.Tuple.tuple("mail", "@hourly"));
    assertThat(invoker.fires()).hasSize(12 + 1 + 1);
  }

  @Test
  void recordsOfRemovedExpressionsAreDeleted() {
    start(Map.of("api", List.of(EVERY_5, "0 * * * *"), "mail", List.of("@daily")));
    assertThat(record("api|0 * * * *")).startsWith("v1 pending");

    restart(Map.of("api", List.of("*/10 * * * *"), "mail", List.of()));
    assertThat(record("api|0 * * * *")).isEqualTo("(none)");
    assertThat(record("api|" + EVERY_5)).isEqualTo("(none)");
    assertThat(record("api|*/10 * * * *")).startsWith("v1 pending");
    assertThat(record("api")).isEqualTo("*/10 * * * *");
    assertThat(record("mail|@daily")).isEqualTo("(none)");
    assertThat(record("mail")).isEqualTo("(none)");

    advanceTo("2025-01-01T00:20:00Z");
    assertThat(invoker.fires()).extracting(Fire::cron).containsOnly("*/10 * * * *").hasSize(2);
  }

  @Test
  void aBadExpressionFailsTheStartAndWritesNothing() {
    runner = new CronRunner(time, time, storage, invoker);
    assertThatThrownBy(() -> runner.start(Map.of("api", List.of(EVERY_5, "61 * * * *"))))
        .isInstanceOf(CronException.class)
        .hasMessage("\"61 * * * *\": minute: 61 is out of range 0-59");
    assertThat(record("api")).isEqualTo("(none)");
    assertThat(record("api|" + EVERY_5)).isEqualTo("(none)");
  }

  @Test
  void anUnreadableRecordStartsFromNow() {
    storage.put(CronRunner.NAMESPACE, "api|" + EVERY_5, "garbage");
    start(API_EVERY_5);
    advanceTo("2025-01-01T00:05:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));
  }

  @Test
  void aClockSetBackDoesNotMakeATimerFireEarly() {
    start(API_EVERY_5); // armed for 00:05, 2.5 minutes ahead
    time.jumpClock(-2 * MINUTE_MS);
    time.advance(150_000); // the timer goes off; the clock reads 00:03:00
    assertThat(invoker.fires()).isEmpty();
    advanceTo("2025-01-01T00:05:00Z");
    assertThat(invoker.fires()).containsExactly(fire("00:05:00"));
  }

  @Test
  void closeCancelsTimers() {
    start(API_EVERY_5);
    runner.close();
    runner.close();
    assertThat(time.pendingTasks()).isZero();
    time.advance(60 * MINUTE_MS);
    assertThat(invoker.fires()).isEmpty();
  }
}
