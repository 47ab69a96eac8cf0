package dev.cairn.server.ports.system;

import java.util.Optional;

/**
 * Faults a test can switch on in a real node from outside, with system properties: the crash tests
 * start {@code cairn serve} as its own process and cannot reach into it otherwise. Off unless set.
 *
 * <ul>
 *   <li>{@code cairn.fault.commitDelayMs}: each entity store commit waits this long first, so that a
 *       write stays not-yet-durable long enough for a SIGKILL to land in between.
 *   <li>{@code cairn.fault.haltAfterJournalAppends}: the process halts (as {@code kill -9} would: no
 *       shutdown hook, no flush) right after its N-th journal append became durable — a crash at an
 *       exact journal-append boundary, for the workflow crash-point sweep.
 * </ul>
 */
public final class FaultInjection {
  private FaultInjection() {}

  /** {@code journals} halting the process after its N-th durable append, when {@code cairn.fault.haltAfterJournalAppends} is set. */
  public static dev.cairn.core.spi.JournalStore haltAfterAppends(dev.cairn.core.spi.JournalStore journals) {
    long n = Long.getLong("cairn.fault.haltAfterJournalAppends", 0);
    if (n <= 0) return journals;
    java.util.concurrent.atomic.AtomicLong durable = new java.util.concurrent.atomic.AtomicLong();
    return new ForwardingJournalStore(journals) {
      @Override
      public java.util.concurrent.CompletableFuture<Void> append(String id, int firstIndex, java.util.List<byte[]> entries) {
        return journals.append(id, firstIndex, entries).thenRun(() -> {
          if (durable.incrementAndGet() == n) {
            System.out.println("cairn: fault injection: halting after journal append " + n);
            System.out.flush();
            Runtime.getRuntime().halt(137);
          }
        });
      }
    };
  }

  /** A pause before each entity commit, when {@code cairn.fault.commitDelayMs} is set. */
  public static Optional<Runnable> entityCommitDelay() {
    long ms = Long.getLong("cairn.fault.commitDelayMs", 0);
    if (ms <= 0) return Optional.empty();
    return Optional.of(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
