package dev.cairn.store.journal;

import static dev.cairn.store.journal.SqliteJournalStoreTest.assertFails;
import static dev.cairn.store.journal.SqliteJournalStoreTest.entries;
import static dev.cairn.store.journal.SqliteJournalStoreTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Query;
import dev.cairn.core.spi.JournalStore.Status;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finished journals with minted ids, which the store keeps in blocks (many per row): found by id,
 * listed with the row-per-journal kind merged in, refused alone when they repeat an id, deleted
 * whole by retention, and still there after a reopen. The tables are looked at directly to make
 * sure the blocks are really used.
 */
class FinishedBlocksTest {
  private static final long T0 = 1_780_000_000_000L;
  @TempDir Path dir;
  private ThreadsForTests threads;
  private SqliteJournalStore store;
  private final SplittableRandom random = new SplittableRandom(7);

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
  void manyJournalsOfOneCommitShareOneBlockAndReadBackById() throws Exception {
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = minted(T0 + i);
      ids.add(id);
      Status status = i % 10 == 0 ? Status.FAILED : Status.COMPLETED;
      done.add(store.putFinished(InvocationSummary.of(id, i % 2 == 0 ? "api" : "web", "fetch", status, T0 + i, i),
          entries("started " + i, "done " + i)));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();

    assertThat(count("SELECT COUNT(*) FROM invocations")).as("no row per journal").isZero();
    assertThat(count("SELECT SUM(journals) FROM finished_blocks")).isEqualTo(300);
    assertThat(count("SELECT COUNT(*) FROM finished_blocks")).as("a few blocks (lingering groups commits)").isLessThan(30);
    for (int i = 0; i < 300; i++) {
      assertThat(texts(store.read(ids.get(i)))).containsExactly("started " + i, "done " + i);
    }
    assertThat(store.summary(ids.get(42))).contains(new InvocationSummary(ids.get(42), "api", "fetch", Status.COMPLETED,
        T0 + 42, 42, 2, ("started 42" + "done 42").length()));
    assertThat(store.summary(minted(T0 + 5))).as("an id no block holds").isEmpty();
    assertThat(store.read(minted(T0 + 5))).isEmpty();
  }

  @Test
  void listingsMergeBlocksAndRowsNewestFirstWithFiltersAndLimit() {
    List<InvocationSummary> all = new ArrayList<>();
    for (int round = 0; round < 5; round++) { // five commits: five blocks with overlapping start times
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long started = T0 + random.nextInt(1_000);
        String id = minted(started);
        Status status = random.nextInt(7) == 0 ? Status.FAILED : Status.COMPLETED;
        var s = InvocationSummary.of(id, random.nextBoolean() ? "api" : "web", "fetch", status, started, 1);
        all.add(new InvocationSummary(id, s.target(), s.kind(), s.status(), started, 1, 1, 1));
        done.add(store.putFinished(s, entries("x")));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }
    // and some of the row-per-journal kind: a test's ids and a running one
    for (int i = 0; i < 10; i++) {
      long started = T0 + random.nextInt(1_000);
      var s = InvocationSummary.of("row-" + i, "api", "fetch", i == 0 ? Status.RUNNING : Status.FAILED, started, 1);
      if (i == 0) store.putSummary(s).join(); else store.putFinished(s, entries("y")).join();
      all.add(new InvocationSummary(s.invocationId(), "api", "fetch", s.status(), started, 1, i == 0 ? 0 : 1, i == 0 ? 0 : 1));
    }
    assertThat(count("SELECT COUNT(*) FROM finished_blocks")).isGreaterThanOrEqualTo(5);

    Comparator<InvocationSummary> newestFirst = Comparator.comparingLong(InvocationSummary::startedAtMs).reversed()
        .thenComparing(InvocationSummary::invocationId, Comparator.reverseOrder());
    List<Query> queries = List.of(Query.since(0, 10_000), Query.since(0, 17), Query.since(T0 + 500, 10_000),
        Query.since(0, 25).withTarget("api"), Query.since(0, 10_000).withStatus(Status.FAILED),
        Query.since(T0 + 300, 9).withTarget("web").withStatus(Status.FAILED), Query.since(0, 3).withStatus(Status.RUNNING),
        Query.since(0, 1));
    for (Query q : queries) {
      List<String> expected = all.stream()
          .filter(s -> s.startedAtMs() >= q.sinceMs())
          .filter(s -> q.target().map(s.target()::equals).orElse(true))
          .filter(s -> q.status().map(st -> st == s.status()).orElse(true))
          .sorted(newestFirst).limit(q.limit()).map(InvocationSummary::invocationId).toList();
      assertThat(store.list(q).stream().map(InvocationSummary::invocationId).toList()).as(q.toString()).isEqualTo(expected);
    }
  }

  @Test
  void aRepeatedIdIsRefusedAloneAndABlockJournalIsSealed() {
    String taken = minted(T0);
    store.putSummary(InvocationSummary.of(taken, "api", "fetch", Status.RUNNING, T0, 0)).join();
    String twice = minted(T0 + 1);
    String fine = minted(T0 + 2);
    var first = store.putFinished(InvocationSummary.of(twice, "api", "fetch", Status.COMPLETED, T0, 1), entries("first"));
    var second = store.putFinished(InvocationSummary.of(twice, "api", "fetch", Status.COMPLETED, T0, 1), entries("second"));
    var clash = store.putFinished(InvocationSummary.of(taken, "api", "fetch", Status.COMPLETED, T0, 1), entries("clash"));
    var ok = store.putFinished(InvocationSummary.of(fine, "api", "fetch", Status.COMPLETED, T0, 1), entries("ok"));
    first.join();
    ok.join();
    assertFails(second, "store_journal_overlap", twice);
    assertFails(clash, "store_journal_overlap", taken);
    assertThat(texts(store.read(twice))).containsExactly("first");
    assertThat(texts(store.read(fine))).containsExactly("ok");
    assertThat(store.summary(taken).orElseThrow().status()).isEqualTo(Status.RUNNING);

    assertFails(store.append(fine, 1, entries("later")), "store_unknown_invocation", fine);
    assertThat(texts(store.read(fine))).containsExactly("ok");
  }

  @Test
  void retentionDeletesWholeBlocksByAgeAndBySizeAndKeepsTheTotal() {
    // One block per round, exactly: the round's 25th entry ends the linger (with the default 10 ms a
    // slow moment while the 25 are offered commits them as two blocks, and the counts below move).
    store.close();
    var defaults = JournalStoreLimits.DEFAULTS;
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads, new JournalStoreLimits(defaults.appendQueueMax(),
        defaults.batchEntriesMax(), defaults.retentionChunkInvocationsMax(), 60_000, 25));
    for (int round = 0; round < 4; round++) { // four blocks, one per 100 ms of start times
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        long started = T0 + round * 100L + i;
        done.add(store.putFinished(InvocationSummary.of(minted(started), "api", "fetch", Status.COMPLETED, started, 1),
            entries("0123456789")));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }
    assertThat(count("SELECT COUNT(*) FROM finished_blocks")).isEqualTo(4);

    assertThat(store.deleteOlderThan(T0 + 110)).as("only the first block ends before the cutoff").isEqualTo(25);
    assertThat(store.list(Query.since(0, 10_000))).as("a block goes whole: one started before the cutoff stays with it")
        .anyMatch(s -> s.startedAtMs() == T0 + 100);
    assertThat(count("SELECT COUNT(*) FROM finished_blocks")).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM finished_block_tags")).isEqualTo(3);
    assertThat(store.summary(minted(T0 + 10))).isEmpty();
    assertThat(store.list(Query.since(0, 10_000))).hasSize(75);

    // 75 × 10 bytes, keep 400: the oldest block goes whole (250), the next loses its 10 oldest (100)
    assertThat(store.deleteToFitBytes(400)).isEqualTo(35);
    List<InvocationSummary> kept = store.list(Query.since(0, 10_000));
    assertThat(kept).hasSize(40).allMatch(s -> s.startedAtMs() >= T0 + 210);
    assertThat(kept.stream().mapToLong(InvocationSummary::bytes).sum()).isEqualTo(400);
    assertThat(texts(store.read(kept.getLast().invocationId()))).as("a rewritten block still reads").containsExactly("0123456789");

    reopen();
    assertThat(store.deleteToFitBytes(400)).as("the total survives a reopen: 400 bytes fit, nothing to do").isZero();
    assertThat(store.deleteToFitBytes(249)).as("one whole block (150) and the oldest of the last (10)").isEqualTo(16);
    assertThat(store.list(Query.since(0, 10_000))).hasSize(24).allMatch(s -> s.startedAtMs() >= T0 + 301);
    assertThat(store.deleteToFitBytes(0)).isEqualTo(24);
    assertThat(count("SELECT COUNT(*) FROM finished_blocks")).isZero();
  }

  @Test
  void blocksSurviveAReopenAndAWideBlockIsStillFound() {
    // one commit whose ids span 9 s: a lookup of its newest id must reach back that far
    String early = minted(T0);
    String late = minted(T0 + 9_000);
    var a = store.putFinished(InvocationSummary.of(early, "api", "fetch", Status.COMPLETED, T0, 9_000), entries("early"));
    var b = store.putFinished(InvocationSummary.of(late, "api", "fetch", Status.COMPLETED, T0 + 9_000, 1), entries("late"));
    CompletableFuture.allOf(a, b).join();
    String later = minted(T0 + 20_000);
    store.putFinished(InvocationSummary.of(later, "api", "fetch", Status.COMPLETED, T0 + 20_000, 1), entries("later")).join();

    reopen();
    assertThat(texts(store.read(early))).containsExactly("early");
    assertThat(texts(store.read(late))).containsExactly("late");
    assertThat(texts(store.read(later))).containsExactly("later");
    assertThat(store.list(Query.since(T0 + 1, 10))).extracting(InvocationSummary::invocationId).containsExactly(later, late);
  }

  @Test
  void aDamagedBlockIndexIsAnErrorNamingTheBlock() throws Exception {
    String id = minted(T0);
    store.putFinished(InvocationSummary.of(id, "api", "fetch", Status.COMPLETED, T0, 1), entries("a")).join();
    store.close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE finished_blocks SET idx = CAST(substr(idx, 1, length(idx) - 1) || X'00' AS BLOB)");
    }
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    assertThatThrownBy(() -> store.read(id)).hasMessageContaining("finished block").hasMessageContaining("checksum");
  }

  @Test
  void aLongRunningJournalKeepsTheRowPathSoBlocksStayNarrow() {
    String slow = minted(T0);
    String quick = minted(T0 + 30_000);
    var a = store.putFinished(InvocationSummary.of(slow, "api", "fetch", Status.COMPLETED, T0, 30_000), entries("slow"));
    var b = store.putFinished(InvocationSummary.of(quick, "api", "fetch", Status.COMPLETED, T0 + 30_000, 2), entries("quick"));
    CompletableFuture.allOf(a, b).join();
    assertThat(count("SELECT COUNT(*) FROM invocations")).as("the 30 s journal is a row").isEqualTo(1);
    assertThat(count("SELECT COALESCE(MAX(max_id_ms - min_id_ms), -1) FROM finished_blocks")).as("the block's span").isZero();
    assertThat(texts(store.read(slow))).containsExactly("slow");
    assertThat(texts(store.read(quick))).containsExactly("quick");
    assertThat(store.list(Query.since(0, 10))).extracting(InvocationSummary::invocationId).containsExactly(quick, slow);
  }

  @Test
  void mintedIdsAreRecognisedAndOthersAreNot() {
    assertThat(dev.cairn.core.InvocationIds.mintedAtMs(minted(T0))).isEqualTo(T0);
    assertThat(dev.cairn.core.InvocationIds.mintedAtMs("inv-1")).isEqualTo(-1);
    assertThat(dev.cairn.core.InvocationIds.mintedAtMs(minted(T0).toUpperCase())).isEqualTo(-1);
    assertThat(dev.cairn.core.InvocationIds.mintedAtMs(minted(T0) + "0")).isEqualTo(-1);
  }

  private String minted(long ms) {
    return String.format("%012x%016x", ms, random.nextLong());
  }

  private long count(String sql) {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        var s = c.createStatement();
        var rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private void reopen() {
    store.close();
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
  }
}
