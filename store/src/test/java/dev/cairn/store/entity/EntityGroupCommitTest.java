package dev.cairn.store.entity;

import static dev.cairn.store.entity.SqliteEntityStoreTest.assertFails;
import static dev.cairn.store.entity.SqliteEntityStoreTest.bytes;
import static dev.cairn.store.entity.SqliteEntityStoreTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityLimits;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.journal.ThreadsForTests;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer side: many entities share commits, futures wait for the fsync, bounds and failures. */
class EntityGroupCommitTest {
  @TempDir Path dir;
  private final ThreadsForTests threads = new ThreadsForTests();
  private SqliteEntityStore store;

  @AfterEach
  void close() {
    store.close();
    threads.close();
  }

  /**
   * 8 committers, each over its own 50 entities, 1,000 commits each, waiting for every commit
   * before the next (as an output gate does). Each increments a counter in its entity.
   */
  @Test
  void commitsOfManyEntitiesShareFsyncsAndAllArriveDurably() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);
    int committers = 8;
    int commitsEach = 1_000;
    int entitiesEach = 50;
    ExecutorService pool = Executors.newFixedThreadPool(committers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < committers; t++) {
        int thread = t;
        running.add(pool.submit(() -> {
          long[] counts = new long[entitiesEach];
          for (int i = 0; i < commitsEach; i++) {
            int e = i % entitiesEach;
            counts[e]++;
            store.commit(entity(thread, e), WriteBatch.builder().put("count", longBytes(counts[e])).build()).join();
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long commits = store.commits();
    int batches = committers * commitsEach;
    System.out.println("entity group commit: " + batches + " batches in " + commits + " commits");
    store.close();
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);

    for (int t = 0; t < committers; t++) {
      for (int e = 0; e < entitiesEach; e++) {
        byte[] count = store.get(entity(t, e), "count").orElseThrow();
        assertThat(ByteBuffer.wrap(count).getLong()).isEqualTo(commitsEach / entitiesEach);
      }
    }
    assertThat(commits).as("fsyncs for %s batches", batches).isLessThan(batches / 3);
  }

  @Test
  void aFutureCompletesOnlyAfterItsCommitAndReadsSeeOnlyCommittedData() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);
    CountDownLatch inCommit = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    store.commitHook(() -> {
      inCommit.countDown();
      await(resume);
    });
    EntityAddress room = new EntityAddress("Room", "lobby");
    CompletableFuture<Void> commit = store.commit(room, WriteBatch.builder().put("topic", bytes("hi")).build());
    assertThat(inCommit.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(commit).isNotDone();
    assertThat(store.get(room, "topic")).as("written, not committed: invisible (read-committed)").isEmpty();

    resume.countDown();
    commit.get(10, TimeUnit.SECONDS);
    assertThat(text(store.get(room, "topic").orElseThrow())).isEqualTo("hi");
  }

  @Test
  void aFullQueueFailsFastWithOverloaded() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads,
        new SqliteEntityStoreLimits(new EntityLimits(64, 64, 4, 2, 1_000), 10, 4, 1));
    CountDownLatch inCommit = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    store.commitHook(() -> {
      inCommit.countDown();
      await(resume);
    });
    CompletableFuture<Void> first = store.commit(entity(0, 0), WriteBatch.builder().put("a", bytes("1")).build());
    assertThat(inCommit.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> queued = new ArrayList<>();
    for (int i = 1; i <= 4; i++) { // 2 keys each: 2 + 4 * 2 = 10 queued
      queued.add(store.commit(entity(0, i), WriteBatch.builder().put("a", bytes("1")).build()));
    }
    assertThat(store.queuedKeys()).isEqualTo(10);
    assertFails(store.commit(entity(0, 9), WriteBatch.builder().put("a", bytes("x")).build()),
        "entity_store_overloaded", "queueKeysMax 10");

    resume.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> f : queued) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(store.queuedKeys()).isZero();
    assertThat(store.get(entity(0, 9), "a")).isEmpty();
  }

  @Test
  void aFailedCommitFailsItsWholeGroupAndLaterGroupsStillCommit() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);
    CountDownLatch inFirstCommit = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicInteger commitNumber = new AtomicInteger();
    store.commitHook(() -> {
      switch (commitNumber.incrementAndGet()) {
        case 1 -> {
          inFirstCommit.countDown();
          await(resume);
        }
        case 2 -> throw new SQLException("disk I/O error (injected)");
        default -> { }
      }
    });
    CompletableFuture<Void> first = store.commit(entity(0, 0), WriteBatch.builder().put("a", bytes("1")).build());
    assertThat(inFirstCommit.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> secondGroup = List.of(
        store.commit(entity(0, 1), WriteBatch.builder().put("a", bytes("1")).build()),
        store.commit(entity(0, 2), WriteBatch.builder().put("a", bytes("1")).setAlarm(java.util.OptionalLong.of(5)).build()));

    resume.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> f : secondGroup) {
      assertFails(f, "entity_store_io", "disk I/O error (injected)");
    }
    assertThat(store.list(entity(0, 1), ListOptions.ALL)).as("rolled back").isEmpty();
    assertThat(store.getAlarm(entity(0, 2))).isEmpty();
    assertThat(store.dueAlarms(10, 10)).isEmpty();

    store.commit(entity(0, 1), WriteBatch.builder().put("a", bytes("again")).build()).get(10, TimeUnit.SECONDS);
    assertThat(text(store.get(entity(0, 1), "a").orElseThrow())).isEqualTo("again");
  }

  @Test
  void aRefusedBatchDoesNotDisturbTheOthersInItsTransaction() throws Exception {
    store = SqliteEntityStore.open(dir.resolve("entities.db"), threads,
        SqliteEntityStoreLimits.DEFAULTS.withEntity(new EntityLimits(64, 64, 4, 4, 10)));
    CountDownLatch inFirstCommit = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicInteger commitNumber = new AtomicInteger();
    store.commitHook(() -> {
      if (commitNumber.incrementAndGet() == 1) {
        inFirstCommit.countDown();
        await(resume);
      }
    });
    CompletableFuture<Void> first = store.commit(entity(1, 0), WriteBatch.builder().put("a", bytes("1")).build());
    assertThat(inFirstCommit.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> before = store.commit(entity(1, 1), WriteBatch.builder().put("a", bytes("ok")).build());
    CompletableFuture<Void> tooBig = store.commit(entity(1, 2), WriteBatch.builder().put("a", new byte[20]).build());
    CompletableFuture<Void> after = store.commit(entity(1, 3), WriteBatch.builder().put("a", bytes("ok")).build());
    resume.countDown();

    first.get(10, TimeUnit.SECONDS);
    before.get(10, TimeUnit.SECONDS);
    after.get(10, TimeUnit.SECONDS);
    assertFails(tooBig, "entity_storage_exceeded", "entityBytesMax is 10");
    assertThat(store.storageBytes(entity(1, 2))).isZero();
    assertThat(commitNumber.get()).as("the three shared one transaction").isEqualTo(2);
  }

  private static EntityAddress entity(int thread, int index) {
    return new EntityAddress("Counter", "t" + thread + "-e" + index);
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test hook was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
