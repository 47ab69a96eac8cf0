package dev.cairn.store.entity;

import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.journal.ThreadsForTests;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A measurement, not a test: commits/s through {@link SqliteEntityStore} for 1, 8 and 32
 * concurrent committers. Each committer increments a counter in one of its 1,000 entities (a put
 * of an 8-byte value and a 64-byte value, as a counter with a little metadata) and waits for the
 * commit to be durable before the next, as an entity behind an output gate does. Shows how group
 * commit turns concurrency into batches per fsync. Run:
 * {@code java -cp ... dev.cairn.store.entity.EntityStoreThroughput [seconds]}.
 */
public final class EntityStoreThroughput {
  private static final int ENTITIES_PER_COMMITTER = 1_000;

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    System.out.printf("%-11s %12s %10s %16s%n", "committers", "commits/s", "fsyncs", "batches/fsync");
    for (int committers : new int[] {1, 8, 32}) {
      run(committers, 0.5, false); // warm-up on a throwaway file
      run(committers, seconds, true);
    }
  }

  private static void run(int committers, double seconds, boolean print) throws Exception {
    Path dir = Files.createTempDirectory("entity-throughput");
    try (ThreadsForTests threads = new ThreadsForTests()) {
      SqliteEntityStore store = SqliteEntityStore.open(dir.resolve("entities.db"), threads);
      AtomicBoolean stop = new AtomicBoolean();
      LongAdder committed = new LongAdder();
      CountDownLatch started = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < committers; t++) {
        int thread = t;
        Thread worker = new Thread(() -> {
          byte[] meta = new byte[64];
          long[] counts = new long[ENTITIES_PER_COMMITTER];
          awaitQuietly(started);
          for (int i = 0; !stop.get(); i++) {
            int e = i % ENTITIES_PER_COMMITTER;
            EntityAddress entity = new EntityAddress("Counter", "t" + thread + "-" + e);
            WriteBatch batch = WriteBatch.builder()
                .put("count", ByteBuffer.allocate(8).putLong(++counts[e]).array())
                .put("meta", meta)
                .build();
            store.commit(entity, batch).join();
            committed.increment();
          }
        });
        worker.start();
        workers.add(worker);
      }
      long fsyncsBefore = store.commits();
      long begin = System.nanoTime();
      started.countDown();
      Thread.sleep((long) (seconds * 1000));
      stop.set(true);
      for (Thread worker : workers) {
        worker.join();
      }
      double elapsed = (System.nanoTime() - begin) / 1e9;
      long fsyncs = store.commits() - fsyncsBefore;
      store.close();
      if (print) {
        System.out.printf("%-11d %12.0f %10d %16.1f%n",
            committers, committed.sum() / elapsed, fsyncs, (double) committed.sum() / Math.max(1, fsyncs));
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
