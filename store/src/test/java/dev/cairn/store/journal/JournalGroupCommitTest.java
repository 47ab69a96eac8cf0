package dev.cairn.store.journal;

import static dev.cairn.store.journal.SqliteJournalStoreTest.assertFails;
import static dev.cairn.store.journal.SqliteJournalStoreTest.entries;
import static dev.cairn.store.journal.SqliteJournalStoreTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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

/** The writer side: many appenders share commits, futures wait for the commit, bounds and failures. */
class JournalGroupCommitTest {
  @TempDir Path dir;
  private final ThreadsForTests threads = new ThreadsForTests();
  private SqliteJournalStore store;

  @AfterEach
  void close() {
    store.close();
    threads.close();
  }

  @Test
  void manyConcurrentAppendersAreAllDurableInOrderAndShareCommits() throws Exception {
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    int appenders = 8;
    int appendsEach = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < appenders; t++) {
        String id = "inv-" + t;
        running.add(pool.submit(() -> {
          store.putSummary(InvocationSummary.of(id, "api", "request", Status.RUNNING, 1, 0));
          List<CompletableFuture<Void>> pending = new ArrayList<>();
          for (int i = 0; i < appendsEach; i++) {
            pending.add(store.append(id, i, List.of(entry(id, i))));
          }
          CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long commits = store.commits();
    System.out.println("group commit: " + (appenders * (appendsEach + 1)) + " writes in " + commits + " commits");
    store.close();
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);

    for (int t = 0; t < appenders; t++) {
      String id = "inv-" + t;
      List<byte[]> journal = store.read(id);
      assertThat(journal).hasSize(appendsEach);
      for (int i = 0; i < appendsEach; i++) {
        assertThat(journal.get(i)).isEqualTo(entry(id, i));
      }
    }
    int appends = appenders * (appendsEach + 1);
    assertThat(commits).as("commits for %s appends and summaries", appends).isLessThan(appends / 10);
  }

  @Test
  void aFutureCompletesOnlyAfterItsCommit() throws Exception {
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    store.putSummary(InvocationSummary.of("inv", "api", "request", Status.RUNNING, 1, 0)).join();
    CountDownLatch inCommit = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    store.commitHook(() -> {
      inCommit.countDown();
      await(resume);
    });

    CompletableFuture<Void> append = store.append("inv", 0, entries("a", "b"));
    assertThat(inCommit.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(append).isNotDone();
    assertThat(store.read("inv")).as("written but not committed: invisible").isEmpty();

    resume.countDown();
    append.get(10, TimeUnit.SECONDS);
    assertThat(texts(store.read("inv"))).containsExactly("a", "b");
  }

  @Test
  void aFullQueueFailsFastWithStoreOverloaded() throws Exception {
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads, new JournalStoreLimits(10, 5, 100));
    CountDownLatch inCommit = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    store.commitHook(() -> {
      inCommit.countDown();
      await(resume);
    });
    CompletableFuture<Void> summary =
        store.putSummary(InvocationSummary.of("inv", "api", "request", Status.RUNNING, 1, 0)); // 1 entry, in commit
    assertThat(inCommit.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> queued = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      queued.add(store.append("inv", i, entries("e" + i)));
    }
    assertThat(store.queuedEntries()).isEqualTo(10);

    assertFails(store.append("inv", 9, entries("one too many")), "store_overloaded", "appendQueueMax 10");

    resume.countDown();
    summary.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> f : queued) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(store.read("inv")).hasSize(9);
    assertThat(store.queuedEntries()).isZero();
    store.append("inv", 9, entries("fits now")).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBatchRefusedAsBusyIsWrittenAgainAndFailsOnlyAfterTheRetries() throws Exception {
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(2);
    store.commitHook(() -> {
      if (refusals.getAndDecrement() > 0) {
        throw new org.sqlite.SQLiteException("database is locked", org.sqlite.SQLiteErrorCode.SQLITE_BUSY);
      }
    });
    store.putSummary(InvocationSummary.of("inv", "api", "request", Status.RUNNING, 1, 0));
    store.append("inv", 0, entries("a", "b")).get(10, TimeUnit.SECONDS);
    assertThat(texts(store.read("inv"))).as("written once, though tried three times").containsExactly("a", "b");
    assertThat(store.busyRetries()).isEqualTo(2);

    store.commitHook(() -> {
      throw new org.sqlite.SQLiteException("database is locked", org.sqlite.SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT);
    });
    assertFails(store.append("inv", 2, entries("c")), "store_io", "database is locked");
    assertThat(store.busyRetries()).isEqualTo(2 + JournalWriter.BUSY_RETRIES_MAX - 1);
    store.commitHook(() -> {});
    store.append("inv", 2, entries("c")).get(10, TimeUnit.SECONDS);
    assertThat(texts(store.read("inv"))).containsExactly("a", "b", "c");
  }

  @Test
  void aFailedCommitFailsItsWholeBatchAndLaterBatchesStillCommit() throws Exception {
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
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
    CompletableFuture<Void> summary =
        store.putSummary(InvocationSummary.of("inv", "api", "request", Status.RUNNING, 1, 0));
    assertThat(inFirstCommit.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> secondBatch = List.of(
        store.append("inv", 0, entries("a")), store.append("inv", 1, entries("b")), store.append("inv", 2, entries("c")));

    resume.countDown();
    summary.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> f : secondBatch) {
      assertFails(f, "store_io", "disk I/O error (injected)");
    }
    assertThat(store.read("inv")).as("the failed batch was rolled back").isEmpty();

    store.append("inv", 0, entries("again")).get(10, TimeUnit.SECONDS);
    assertThat(texts(store.read("inv"))).containsExactly("again");
    assertThat(store.summary("inv")).hasValueSatisfying(s -> assertThat(s.entryCount()).isEqualTo(1));
  }

  @Test
  void closeCommitsEverythingAlreadyAccepted() {
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    store.putSummary(InvocationSummary.of("inv", "api", "request", Status.RUNNING, 1, 0));
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      pending.add(store.append("inv", i, entries("e" + i)));
    }
    store.close();

    assertThat(pending).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    assertThat(store.read("inv")).hasSize(500);
  }

  private static byte[] entry(String id, int index) {
    byte[] bytes = new byte[200];
    Arrays.fill(bytes, (byte) (index * 31 + id.hashCode()));
    bytes[0] = (byte) index;
    bytes[1] = (byte) (index >> 8);
    return bytes;
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
