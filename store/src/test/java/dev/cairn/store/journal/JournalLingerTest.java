package dev.cairn.store.journal;

import static dev.cairn.store.journal.SqliteJournalStoreTest.entries;
import static dev.cairn.store.journal.SqliteJournalStoreTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.core.spi.Scheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finished stateless journals linger before their commit (so that they commit in large batches),
 * bounded by the linger timer and the linger weight, and never delay anything somebody waits for.
 * The timers are held by the test and fired by hand, so "nothing committed yet" is not a race.
 */
class JournalLingerTest {
  private static final int LINGER_ENTRIES_MAX = 50;

  @TempDir Path dir;
  private final ThreadsForTests threads = new ThreadsForTests();
  private final List<Runnable> heldTimers = new CopyOnWriteArrayList<>();
  private SqliteJournalStore store;

  @BeforeEach
  void open() {
    Scheduler holdingTimers = new Scheduler() {
      @Override
      public Cancellable schedule(long delayMs, Runnable task) {
        heldTimers.add(task);
        return () -> heldTimers.remove(task);
      }

      @Override
      public void executeBlocking(Runnable task) {
        threads.executeBlocking(task);
      }

      @Override
      public EventLoop newEventLoop(String name) {
        return threads.newEventLoop(name);
      }
    };
    store = SqliteJournalStore.open(dir.resolve("journal.db"), holdingTimers,
        new JournalStoreLimits(1_000, 100, 10, 5, LINGER_ENTRIES_MAX));
  }

  @AfterEach
  void close() {
    store.close();
    threads.close();
  }

  @Test
  void finishedJournalsWaitForTheTimerThenCommitTogether() throws Exception {
    List<CompletableFuture<Void>> stored = new ArrayList<>();
    for (int i = 0; i < 5; i++) stored.add(store.putFinished(finished("inv-" + i), entries("started " + i, "done " + i)));
    awaitTimerSet();
    assertThat(store.commits()).as("commits while lingering").isZero();
    assertThat(stored).noneMatch(CompletableFuture::isDone);
    assertThat(store.summary("inv-0")).isEmpty();

    fireTimers();
    CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(store.commits()).as("one commit for all five").isEqualTo(1);
    for (int i = 0; i < 5; i++) assertThat(texts(store.read("inv-" + i))).containsExactly("started " + i, "done " + i);
  }

  @Test
  void anAppendSomebodyWaitsForNeverWaitsBehindALingerAndTakesTheLingeringAlong() throws Exception {
    CompletableFuture<Void> lingering = store.putFinished(finished("stateless"), entries("s", "e"));
    awaitTimerSet();
    assertThat(lingering).isNotDone();

    store.putSummary(InvocationSummary.of("wf-1", "approval", "workflow", Status.RUNNING, 1, 0)).get(10, TimeUnit.SECONDS);
    store.append("wf-1", 0, entries("step 1")).get(10, TimeUnit.SECONDS); // no timer fired
    lingering.get(10, TimeUnit.SECONDS);
    assertThat(texts(store.read("stateless"))).containsExactly("s", "e");
    assertThat(texts(store.read("wf-1"))).containsExactly("step 1");
  }

  @Test
  void enoughLingeringEntriesEndTheLingerWithoutTheTimer() throws Exception {
    List<CompletableFuture<Void>> stored = new ArrayList<>();
    for (int i = 0; i < LINGER_ENTRIES_MAX / 2; i++) { // two entries each: the last reaches the linger weight
      stored.add(store.putFinished(finished("inv-" + i), entries("s" + i, "e" + i)));
    }
    CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(store.summary("inv-" + (LINGER_ENTRIES_MAX / 2 - 1))).isPresent();
  }

  @Test
  void closingCommitsWhatLingers() throws Exception {
    CompletableFuture<Void> lingering = store.putFinished(finished("last"), entries("s", "e"));
    awaitTimerSet();
    store.close();
    lingering.get(10, TimeUnit.SECONDS);
    store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
    assertThat(texts(store.read("last"))).containsExactly("s", "e");
  }

  private void awaitTimerSet() throws InterruptedException {
    for (int i = 0; i < 1_000 && heldTimers.isEmpty(); i++) Thread.sleep(5);
    assertThat(heldTimers).as("the writer set its linger timer").isNotEmpty();
  }

  private void fireTimers() {
    for (Runnable timer : List.copyOf(heldTimers)) {
      heldTimers.remove(timer);
      timer.run();
    }
  }

  private static InvocationSummary finished(String id) {
    return InvocationSummary.of(id, "api", "request", Status.COMPLETED, 1, 1);
  }
}
