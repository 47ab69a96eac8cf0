package dev.cairn.store.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.journal.ThreadsForTests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarms: set, move and clear atomically with writes; the due query reads an index in time order. */
class EntityAlarmsTest {
  @TempDir Path dir;
  private final ThreadsForTests threads = new ThreadsForTests();
  private SqliteEntityStore store;

  @AfterEach
  void close() {
    store.close();
    threads.close();
  }

  @Test
  void setMoveAndClearAnAlarm() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);
    EntityAddress limiter = new EntityAddress("Limiter", "ip:1");
    assertThat(store.getAlarm(limiter)).isEmpty();
    commit(limiter, WriteBatch.builder().setAlarm(OptionalLong.of(300)));
    commit(limiter, WriteBatch.builder().setAlarm(OptionalLong.of(100)));
    assertThat(store.getAlarm(limiter)).hasValue(100);
    assertThat(store.dueAlarms(1_000, 10)).containsExactly(new DueAlarm(limiter, 100)); // the old time is gone

    commit(limiter, WriteBatch.builder().setAlarm(OptionalLong.empty()));
    assertThat(store.getAlarm(limiter)).isEmpty();
    assertThat(store.dueAlarms(Long.MAX_VALUE, 10)).isEmpty();
  }

  @Test
  void dueQueryOver100kAlarmsReturnsTheEarliestInOrder() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);
    int alarms = 100_000;
    Random random = new Random(42);
    long[] due = new long[alarms];
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (int i = 0; i < alarms; i++) {
      due[i] = random.nextInt(1_000_000);
      pending.add(store.commit(entity(i), WriteBatch.builder().setAlarm(OptionalLong.of(due[i])).build()));
      if (pending.size() == 4_096) {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pending.clear();
      }
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    long now = 10_000; // ≈ 1% due
    List<DueAlarm> expected = new ArrayList<>();
    for (int i = 0; i < alarms; i++) {
      if (due[i] <= now) {
        expected.add(new DueAlarm(entity(i), due[i]));
      }
    }
    expected.sort((a, b) -> a.dueMs() != b.dueMs() ? Long.compare(a.dueMs(), b.dueMs())
        : a.entity().id().compareTo(b.entity().id()));

    long begin = System.nanoTime();
    List<DueAlarm> first = store.dueAlarms(now, 500);
    long micros = (System.nanoTime() - begin) / 1_000;
    System.out.println("dueAlarms: first 500 of " + alarms + " alarms in " + micros + " µs");
    assertThat(first).containsExactlyElementsOf(expected.subList(0, 500));
    assertThat(store.dueAlarms(now, alarms)).containsExactlyElementsOf(expected);
    assertThat(store.dueAlarms(-1, 10)).isEmpty();
  }

  private void commit(EntityAddress entity, WriteBatch.Builder batch) throws Exception {
    store.commit(entity, batch.build()).get(10, TimeUnit.SECONDS);
  }

  /** Fixed-width ids so that string order of ids is numeric order. */
  private static EntityAddress entity(int i) {
    return new EntityAddress("Timer", String.format("%06d", i));
  }
}
