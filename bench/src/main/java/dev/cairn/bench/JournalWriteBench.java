package dev.cairn.bench;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The journal writer alone: how much CPU one finished stateless journal costs the store, measured
 * as the process's CPU time (writer thread, SQLite's native code and the kernel included) per
 * journal while {@code journals} W1-shaped journals (two entries of 135 bytes) are offered as fast
 * as the queue takes them. Isolates the store's share of what {@code record: all} costs W1
 * (bench/record-cost.sh measures the whole request), so a change to the store is judged in seconds.
 *
 * <p>Then it reads 5,000 of them back by id in a random order (as {@code cairn inspect} and replay
 * do) and lists the newest 1,000, so a change that makes writes cheaper by making reads slow shows.
 *
 * <p>Usage: {@code bench/run-java.sh dev.cairn.bench.JournalWriteBench [journals] [rounds]}
 * ({@code -DentryBytes=N}: entries of N bytes instead of 135)
 */
public final class JournalWriteBench {
  public static void main(String[] args) throws Exception {
    int journals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("cairn-journal-bench");
    var scheduler = new ThreadScheduler();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    SplittableRandom random = new SplittableRandom(42);
    byte[] entry = new byte[Integer.getInteger("entryBytes", 135)];
    random.nextBytes(entry);
    long ms = 1_780_000_000_000L;
    try (SqliteJournalStore store = SqliteJournalStore.open(dir.resolve("journal.db"), scheduler)) {
      List<Double> perJournalUs = new ArrayList<>();
      List<String> sampled = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        long cpu0 = os.getProcessCpuTime();
        long wall0 = SystemClock.INSTANCE.monotonicNs();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < journals; i++) {
          ms += (i % 40 == 0) ? 1 : 0; // ≈ 40,000 journals per second of ids, as at W1's rate
          String id = String.format("%012x%016x", ms, random.nextLong());
          if (i % 100 == 0) sampled.add(id);
          var summary = new InvocationSummary(id, "all", "fetch", Status.COMPLETED, ms, 1, 0, 0);
          while (true) {
            try {
              pending.add(store.putFinished(summary, List.of(entry, entry)));
              break;
            } catch (RuntimeException overloaded) { // store_overloaded: let the writer catch up
              CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
              pending.clear();
            }
          }
          if (pending.size() >= 8_192) {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            pending.clear();
          }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double cpuUs = (os.getProcessCpuTime() - cpu0) / 1e3 / journals;
        double wallUs = (SystemClock.INSTANCE.monotonicNs() - wall0) / 1e3 / journals;
        System.out.printf("round %d%s: %.2f us CPU per journal, %.2f us wall, %d commits so far%n",
            round, round == 0 ? " (warm-up)" : "", cpuUs, wallUs, store.commits());
        if (round > 0) perJournalUs.add(cpuUs);
      }
      // reads: one journal by id, as inspect and replay do, in a random order (no two from one block in a row)
      for (int i = sampled.size() - 1; i > 0; i--) java.util.Collections.swap(sampled, i, random.nextInt(i + 1)); // seeded shuffle
      List<String> reads = sampled.subList(0, Math.min(5_000, sampled.size()));
      long read0 = SystemClock.INSTANCE.monotonicNs();
      for (String id : reads) {
        if (store.read(id).size() != 2) throw new IllegalStateException("journal " + id + " did not read back");
      }
      double readUs = (SystemClock.INSTANCE.monotonicNs() - read0) / 1e3 / reads.size();
      long list0 = SystemClock.INSTANCE.monotonicNs();
      int listed = store.list(dev.cairn.core.spi.JournalStore.Query.since(0, 1_000)).size();
      double listMs = (SystemClock.INSTANCE.monotonicNs() - list0) / 1e6;
      System.out.printf("read by id: %.1f us each (%d random ids); newest 1,000 listed in %.1f ms (%d)%n", readUs, reads.size(),
          listMs, listed);
      perJournalUs.sort(null);
      System.out.printf("journal-write median %.2f us CPU per journal (%d rounds of %d; db %d MiB)%n",
          perJournalUs.get(perJournalUs.size() / 2), rounds, journals, Files.size(dir.resolve("journal.db")) >> 20);
    } finally {
      scheduler.close();
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    }
  }
}
