package dev.cairn.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Query;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JournalStore contract on one thread: round trip, contiguity, reopen, listing, retention. */
class SqliteJournalStoreTest {
  @TempDir Path dir;
  private ThreadsForTests threads;
  private SqliteJournalStore store;

  @BeforeEach
  void open() {
    threads = new ThreadsForTests();
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
  }

  @AfterEach
  void close() {
    store.close();
    threads.close();
  }

  @Test
  void appendsReadBackInIndexOrder() {
    start("inv-1", "api", 1_000);
    store.append("inv-1", 0, entries("a", "b")).join();
    store.append("inv-1", 2, entries("c")).join();

    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b", "c");
    assertThat(store.read("unknown")).isEmpty();
    assertThat(store.summary("inv-1")).hasValueSatisfying(s -> {
      assertThat(s.entryCount()).isEqualTo(3);
      assertThat(s.bytes()).isEqualTo(3);
      assertThat(s.status()).isEqualTo(Status.RUNNING);
    });
  }

  @Test
  void pipelinedAppendsNeedOnlyTheLastFuture() {
    store.putSummary(InvocationSummary.of("inv-1", "api", "request", Status.RUNNING, 1, 0));
    store.append("inv-1", 0, entries("a"));
    store.append("inv-1", 1, entries("b"));
    store.append("inv-1", 2, entries("c")).join();

    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b", "c");
  }

  @Test
  void gapsOverlapsAndWrongFirstIndexAreRejectedAndWriteNothing() {
    start("inv-1", "api", 1_000);
    store.append("inv-1", 0, entries("a", "b")).join();

    assertFails(store.append("inv-1", 3, entries("x")), "store_journal_gap", "next index is 2");
    assertFails(store.append("inv-1", 1, entries("x")), "store_journal_overlap", "next index is 2");
    start("inv-2", "api", 1_001);
    assertFails(store.append("inv-2", 1, entries("x")), "store_journal_gap", "next index is 0");
    assertFails(store.append("never-started", 0, entries("x")), "store_unknown_invocation", "never-started");

    store.append("inv-1", 2, entries("c")).join();
    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b", "c");
    assertThat(store.read("inv-2")).isEmpty();
  }

  @Test
  void contiguityIsCheckedAgainstWhatSurvivedARestart() {
    start("inv-1", "api", 1_000);
    store.append("inv-1", 0, entries("a", "b")).join();
    reopen();

    assertFails(store.append("inv-1", 0, entries("again")), "store_journal_overlap", "next index is 2");
    store.append("inv-1", 2, entries("c")).join();
    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b", "c");
  }

  @Test
  void closeAndReopenKeepsJournalsAndSummaries() {
    start("inv-1", "api", 1_000);
    store.append("inv-1", 0, entries("a", "b")).join();
    store.putSummary(InvocationSummary.of("inv-1", "api", "request", Status.COMPLETED, 1_000, 42)).join();
    reopen();

    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b");
    assertThat(store.summary("inv-1")).contains(
        new InvocationSummary("inv-1", "api", "request", Status.COMPLETED, 1_000, 42, 2, 2));
  }

  @Test
  void closedStoreRefusesWrites() {
    store.close();
    assertFails(store.putSummary(InvocationSummary.of("x", "api", "request", Status.RUNNING, 1, 0)),
        "store_closed", "closed");
    assertThatThrownBy(() -> store.read("x")).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    store.close(); // twice is harmless
  }

  @Test
  void listsNewestFirstByTargetStatusAndSinceWithALimit() {
    finished("a1", "api", Status.COMPLETED, 100);
    finished("a2", "api", Status.FAILED, 200);
    finished("w1", "web", Status.FAILED, 300);
    finished("a3", "api", Status.COMPLETED, 400);
    start("a4", "api", 500);

    assertThat(ids(store.list(Query.since(0, 10)))).containsExactly("a4", "a3", "w1", "a2", "a1");
    assertThat(ids(store.list(Query.since(0, 2)))).containsExactly("a4", "a3");
    assertThat(ids(store.list(Query.since(200, 10).withTarget("api")))).containsExactly("a4", "a3", "a2");
    assertThat(ids(store.list(Query.since(0, 10).withStatus(Status.FAILED)))).containsExactly("w1", "a2");
    assertThat(ids(store.list(Query.since(0, 10).withTarget("api").withStatus(Status.COMPLETED))))
        .containsExactly("a3", "a1");
    assertThat(ids(store.list(Query.since(501, 10)))).isEmpty();
  }

  @Test
  void retentionByAgeDeletesWholeFinishedInvocationsAndKeepsRunningOnes() {
    finished("old-1", "api", Status.COMPLETED, 100);
    finished("old-2", "api", Status.FAILED, 200);
    start("old-running", "wf", 150);
    store.append("old-running", 0, entries("waiting")).join();
    finished("new", "api", Status.COMPLETED, 900);

    assertThat(store.deleteOlderThan(500)).isEqualTo(2);

    assertThat(ids(store.list(Query.since(0, 10)))).containsExactly("new", "old-running");
    assertThat(store.read("old-1")).isEmpty();
    assertThat(store.read("old-running")).hasSize(1);
    assertFails(store.append("old-1", 1, entries("late")), "store_unknown_invocation", "old-1");
    assertThat(store.deleteOlderThan(500)).isZero();
  }

  @Test
  void retentionBySizeDeletesOldestFirstUntilTheRestFits() {
    for (int i = 0; i < 5; i++) {
      store.putSummary(InvocationSummary.of("inv-" + i, "api", "request", Status.COMPLETED, 100 + i, 1));
      store.append("inv-" + i, 0, List.of(new byte[100])).join(); // 100 bytes each, 500 in all
    }

    assertThat(store.deleteToFitBytes(250)).isEqualTo(3);
    assertThat(ids(store.list(Query.since(0, 10)))).containsExactly("inv-4", "inv-3");
    assertThat(store.deleteToFitBytes(1_000)).isZero();
    assertThat(store.deleteToFitBytes(0)).isEqualTo(2);
    assertThat(store.list(Query.since(0, 10))).isEmpty();
  }

  @Test
  void retentionBySizeCountsFinishedJournalsAndStoredBytesAcrossARestart() {
    for (int i = 0; i < 3; i++) {
      store.putFinished(InvocationSummary.of("fin-" + i, "api", "request", Status.COMPLETED, 100 + i, 1),
          List.of(new byte[60], new byte[40])).join(); // 100 bytes each
    }
    reopen(); // the running total starts from what is stored
    for (int i = 3; i < 5; i++) {
      store.putSummary(InvocationSummary.of("inv-" + i, "api", "request", Status.COMPLETED, 100 + i, 1));
      store.append("inv-" + i, 0, List.of(new byte[100])).join();
    }

    assertThat(store.deleteToFitBytes(250)).isEqualTo(3);
    assertThat(ids(store.list(Query.since(0, 10)))).containsExactly("inv-4", "inv-3");
    assertThat(store.deleteToFitBytes(200)).as("the total went down with the deletes").isZero();
  }

  @Test
  void retentionInSmallChunksStillDeletesEverythingDue() {
    reopen(new JournalStoreLimits(1_000, 100, 2));
    for (int i = 0; i < 7; i++) {
      finished("inv-" + i, "api", Status.COMPLETED, i);
    }
    long commitsBefore = store.commits();

    assertThat(store.deleteOlderThan(5)).isEqualTo(5);
    assertThat(store.commits() - commitsBefore).isEqualTo(3); // chunks of 2, 2, 1
    assertThat(ids(store.list(Query.since(0, 10)))).containsExactly("inv-6", "inv-5");
  }

  private void start(String id, String target, long startedAtMs) {
    store.putSummary(InvocationSummary.of(id, target, "request", Status.RUNNING, startedAtMs, 0)).join();
  }

  private void finished(String id, String target, Status status, long startedAtMs) {
    start(id, target, startedAtMs);
    store.append(id, 0, entries("started", "done")).join();
    store.putSummary(InvocationSummary.of(id, target, "request", status, startedAtMs, 5)).join();
  }

  private void reopen() {
    reopen(JournalStoreLimits.DEFAULTS);
  }

  private void reopen(JournalStoreLimits limits) {
    store.close();
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads, limits);
  }

  static void assertFails(CompletableFuture<?> future, String code, String messagePart) {
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(((StoreException) e).code()).isEqualTo(code));
  }

  static List<byte[]> entries(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  static List<String> texts(List<byte[]> entries) {
    return entries.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  private static List<String> ids(List<InvocationSummary> summaries) {
    return summaries.stream().map(InvocationSummary::invocationId).toList();
  }
}
