package dev.cairn.store.journal;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A measurement, not a test: entries/s through {@link SqliteJournalStore} for 1, 8 and 32
 * concurrent appenders, each appending one 200-byte entry at a time and waiting for it to be
 * durable before the next (as a handler waits on its journal). Shows how group commit turns
 * concurrency into entries per fsync. A last row lets each of 8 appenders keep 512 appends in
 * flight (pipelining, as a workflow recording many entries would), to show the full-batch ceiling. Run: {@code java -cp ... dev.cairn.store.journal.JournalStoreThroughput [seconds]}.
 */
public final class JournalStoreThroughput {
  private static final int ENTRY_BYTES = 200;

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    System.out.printf("%-10s %-9s %12s %10s %16s%n", "appenders", "in flight", "entries/s", "commits", "entries/commit");
    for (int appenders : new int[] {1, 8, 32}) {
      run(appenders, 1, 0.5, false); // warm-up on a throwaway file
      run(appenders, 1, seconds, true);
    }
    run(8, 512, 0.5, false);
    run(8, 512, seconds, true);
  }

  private static void run(int appenders, int window, double seconds, boolean print) throws Exception {
    Path dir = Files.createTempDirectory("journal-throughput");
    try (ThreadsForTests threads = new ThreadsForTests()) {
      SqliteJournalStore store = SqliteJournalStore.open(dir.resolve("journal.db"), threads);
      AtomicBoolean stop = new AtomicBoolean();
      LongAdder appended = new LongAdder();
      CountDownLatch started = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < appenders; t++) {
        String id = "inv-" + t;
        store.putSummary(InvocationSummary.of(id, "bench", "request", Status.RUNNING, t, 0)).join();
        Thread worker = new Thread(() -> {
          byte[] entry = new byte[ENTRY_BYTES];
          awaitQuietly(started);
          java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Void>> inFlight = new java.util.ArrayDeque<>();
          for (int i = 0; !stop.get(); i++) {
            if (inFlight.size() == window) {
              inFlight.removeFirst().join();
              appended.increment();
            }
            inFlight.addLast(store.append(id, i, List.of(entry)));
          }
          while (!inFlight.isEmpty()) {
            inFlight.removeFirst().join();
            appended.increment();
          }
        });
        worker.start();
        workers.add(worker);
      }
      long commitsBefore = store.commits();
      long begin = System.nanoTime();
      started.countDown();
      Thread.sleep((long) (seconds * 1000));
      stop.set(true);
      for (Thread worker : workers) {
        worker.join();
      }
      double elapsed = (System.nanoTime() - begin) / 1e9;
      long commits = store.commits() - commitsBefore;
      store.close();
      if (print) {
        System.out.printf("%-10d %-9d %12.0f %10d %16.1f%n",
            appenders, window, appended.sum() / elapsed, commits, (double) appended.sum() / Math.max(1, commits));
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
