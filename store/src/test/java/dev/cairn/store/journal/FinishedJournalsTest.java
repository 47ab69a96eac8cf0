package dev.cairn.store.journal;

import static dev.cairn.store.journal.SqliteJournalStoreTest.assertFails;
import static dev.cairn.store.journal.SqliteJournalStoreTest.entries;
import static dev.cairn.store.journal.SqliteJournalStoreTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Query;
import dev.cairn.core.spi.JournalStore.Status;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished journals written at once (putFinished), long appends, and the upgrade of a version-1 file. */
class FinishedJournalsTest {
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
  void aFinishedJournalReadsBackWithItsSummaryAndCounts() {
    store.putFinished(summary("inv-1", Status.COMPLETED, 100), entries("started", "call", "done")).join();
    store.putFinished(summary("inv-2", Status.FAILED, 200), entries("only")).join();

    assertThat(texts(store.read("inv-1"))).containsExactly("started", "call", "done");
    assertThat(texts(store.read("inv-2"))).containsExactly("only");
    assertThat(store.summary("inv-1")).contains(
        new InvocationSummary("inv-1", "api", "fetch", Status.COMPLETED, 100, 3, 3, "startedcalldone".length()));
    assertThat(ids(store.list(Query.since(0, 10).withStatus(Status.FAILED)))).containsExactly("inv-2");
    assertThat(ids(store.list(Query.since(0, 10).withStatus(Status.COMPLETED)))).containsExactly("inv-1");
  }

  @Test
  void manyFinishedJournalsInOneBatchAreAllStoredAndADuplicateIsRefusedAlone() throws Exception {
    store.putFinished(summary("dup", Status.COMPLETED, 1), entries("first")).join();
    // Hold the writer so that everything below lands in one batch, duplicate included.
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    store.commitHook(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    store.putSummary(InvocationSummary.of("blocker", "api", "fetch", Status.RUNNING, 0, 0));
    Thread.sleep(50);
    List<CompletableFuture<Void>> ok = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      if (i == 77) continue;
      ok.add(store.putFinished(summary("inv-" + i, Status.COMPLETED, 10 + i), entries("s" + i, "e" + i)));
    }
    CompletableFuture<Void> duplicate = store.putFinished(summary("dup", Status.COMPLETED, 2), entries("second"));
    ok.add(store.putFinished(summary("inv-77", Status.COMPLETED, 87), entries("s77", "e77")));
    long commitsBefore = store.commits();
    release.countDown();
    store.commitHook(() -> {});
    CompletableFuture.allOf(ok.toArray(CompletableFuture[]::new)).join();

    assertFails(duplicate, "store_journal_overlap", "dup");
    assertThat(texts(store.read("dup"))).containsExactly("first");
    for (int i = 0; i < 150; i++) assertThat(texts(store.read("inv-" + i))).containsExactly("s" + i, "e" + i);
    assertThat(store.commits() - commitsBefore).isLessThanOrEqualTo(2); // the held batch, then at most one more
    assertThat(store.list(Query.since(0, 1_000))).hasSize(152);
  }

  @Test
  void aFinishedJournalCannotBeWrittenOverAnAppendedOne() {
    store.putSummary(InvocationSummary.of("inv-1", "api", "fetch", Status.RUNNING, 1, 0)).join();
    store.append("inv-1", 0, entries("a")).join();

    assertFails(store.putFinished(summary("inv-1", Status.COMPLETED, 1), entries("x", "y")), "store_journal_overlap", "inv-1");
    assertThat(texts(store.read("inv-1"))).containsExactly("a");
  }

  @Test
  void appendsCanFollowAFinishedJournalAtTheNextIndex() {
    store.putFinished(summary("inv-1", Status.COMPLETED, 1), entries("a", "b")).join();
    store.append("inv-1", 2, entries("c")).join();
    assertFails(store.append("inv-1", 2, entries("again")), "store_journal_overlap", "next index is 3");
    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b", "c");
  }

  @Test
  void aLongAppendAndALongFinishedJournalBothGoThrough() {
    reopen(new JournalStoreLimits(6_000, 100, 10)); // the whole append must fit in the queue; pieces of 100 commit in turn
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) many.add(("e" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    store.putSummary(InvocationSummary.of("long", "wf", "workflow", Status.RUNNING, 1, 0));
    store.append("long", 0, many).join();
    store.putFinished(summary("finished", Status.COMPLETED, 2), many).join();

    assertThat(store.read("long")).hasSize(2_500);
    assertThat(texts(store.read("finished")).get(2_499)).isEqualTo("e2499");
    assertThat(store.summary("long").orElseThrow().entryCount()).isEqualTo(2_500);
  }

  @Test
  void retentionDeletesFinishedJournalsWhole() {
    store.putFinished(summary("old", Status.COMPLETED, 100), entries("a", "b", "c")).join();
    store.putFinished(summary("new", Status.COMPLETED, 900), entries("d")).join();

    assertThat(store.deleteOlderThan(500)).isEqualTo(1);
    assertThat(store.read("old")).isEmpty();
    assertThat(texts(store.read("new"))).containsExactly("d");
  }

  @Test
  void aVersionOneFileIsUpgradedAndKeepsItsJournals() throws Exception {
    store.close();
    Path old = dir.resolve("v1.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement()) {
      s.executeQuery("PRAGMA journal_mode=WAL").close();
      s.execute("CREATE TABLE journal_entries (invocation_id TEXT NOT NULL, idx INTEGER NOT NULL, bytes BLOB NOT NULL,"
          + " PRIMARY KEY (invocation_id, idx)) WITHOUT ROWID");
      s.execute("CREATE TABLE invocations (invocation_id TEXT NOT NULL PRIMARY KEY, target TEXT NOT NULL, kind TEXT NOT NULL,"
          + " status TEXT NOT NULL, started_at_ms INTEGER NOT NULL, duration_ms INTEGER NOT NULL, entry_count INTEGER NOT NULL,"
          + " bytes INTEGER NOT NULL) WITHOUT ROWID");
      s.execute("CREATE INDEX invocations_by_status ON invocations (status, started_at_ms)");
      s.execute("INSERT INTO invocations VALUES ('inv-1', 'api', 'fetch', 'failed', 5, 1, 2, 2)");
      s.execute("INSERT INTO journal_entries VALUES ('inv-1', 0, x'61'), ('inv-1', 1, x'62')");
      s.execute("PRAGMA user_version=1");
    }
    store = SqliteJournalStore.open(old, threads);

    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b");
    assertThat(ids(store.list(Query.since(0, 10).withStatus(Status.FAILED)))).containsExactly("inv-1");
    store.append("inv-1", 2, entries("c")).join();
    assertThat(texts(store.read("inv-1"))).containsExactly("a", "b", "c");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement();
        var rows = s.executeQuery("PRAGMA user_version")) {
      assertThat(rows.getInt(1)).isEqualTo(JournalSchema.VERSION);
    }
  }

  @Test
  void aFinishedJournalIsOneRowAndAppendsAfterItFollowItsPackedEntries() throws Exception {
    store.putFinished(summary("inv-1", Status.COMPLETED, 1), entries("started", "done")).join();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db")); var s = c.createStatement();
        var rows = s.executeQuery("SELECT (SELECT COUNT(*) FROM journal_entries), packed IS NOT NULL FROM invocations")) {
      assertThat(rows.getInt(1)).as("rows in journal_entries").isZero();
      assertThat(rows.getBoolean(2)).as("entries in the summary row").isTrue();
    }
    store.append("inv-1", 2, entries("later")).join();
    assertThat(texts(store.read("inv-1"))).containsExactly("started", "done", "later");
  }

  @Test
  void aVersion2FileIsUpgradedAndItsPackedEntriesRowsStillRead() throws Exception {
    store.close();
    Path old = dir.resolve("v2.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement()) {
      s.executeQuery("PRAGMA journal_mode=WAL").close();
      s.execute("CREATE TABLE journal_entries (invocation_id TEXT NOT NULL, idx INTEGER NOT NULL, bytes BLOB NOT NULL,"
          + " n INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (invocation_id, idx)) WITHOUT ROWID");
      s.execute("CREATE TABLE invocations (invocation_id TEXT NOT NULL PRIMARY KEY, target TEXT NOT NULL, kind TEXT NOT NULL,"
          + " status TEXT NOT NULL, started_at_ms INTEGER NOT NULL, duration_ms INTEGER NOT NULL, entry_count INTEGER NOT NULL,"
          + " bytes INTEGER NOT NULL) WITHOUT ROWID");
      s.execute("INSERT INTO invocations VALUES ('old', 'api', 'fetch', 'completed', 5, 1, 2, 2)");
      s.execute("INSERT INTO journal_entries VALUES ('old', 0, x'01610162', 2)"); // "a", "b" packed
      s.execute("PRAGMA user_version=2");
    }
    store = SqliteJournalStore.open(old, threads);
    assertThat(texts(store.read("old"))).containsExactly("a", "b");
    store.putFinished(summary("new", Status.COMPLETED, 6), entries("c")).join();
    assertThat(texts(store.read("new"))).containsExactly("c");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var s = c.createStatement();
        var rows = s.executeQuery("PRAGMA user_version")) {
      assertThat(rows.getInt(1)).isEqualTo(JournalSchema.VERSION);
    }
  }

  @Test
  void aDamagedPackedColumnEndsTheReadAtTheDamage() {
    store.putFinished(summary("inv-1", Status.COMPLETED, 1), entries("started", "done")).join();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db")); var s = c.createStatement()) {
      s.execute("UPDATE invocations SET packed = x'0773746172746564' || x'7f' WHERE invocation_id = 'inv-1'");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    List<byte[]> read = store.read("inv-1");
    assertThat(texts(read).getFirst()).isEqualTo("started");
    assertThat(read).hasSize(2); // the damaged rest as one last entry, which the codec rejects by its checksum
    assertThat(read.get(1)).containsExactly(0x7f);
  }

  private void reopen(JournalStoreLimits limits) {
    store.close();
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads, limits);
  }

  private static InvocationSummary summary(String id, Status status, long startedAtMs) {
    return InvocationSummary.of(id, "api", "fetch", status, startedAtMs, 3);
  }

  private static List<String> ids(List<InvocationSummary> summaries) {
    return summaries.stream().map(InvocationSummary::invocationId).toList();
  }
}
