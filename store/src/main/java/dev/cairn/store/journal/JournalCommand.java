package dev.cairn.store.journal;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.store.commit.GroupCommitQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What callers hand to the writer thread. Appends and summaries are grouped into shared
 * transactions; maintenance and stop run alone, between batches, in queue order.
 */
sealed interface JournalCommand extends GroupCommitQueue.Command {
  /** How many entries this command holds against {@code appendQueueMax}. */
  int entries();

  @Override
  default int weight() {
    return entries();
  }

  @Override
  default boolean groupable() {
    return this instanceof Append || this instanceof PutSummary || this instanceof Finished;
  }

  /** Appends entries {@code firstIndex ..} of one invocation. */
  record Append(String invocationId, int firstIndex, List<byte[]> encodedEntries, CompletableFuture<Void> done)
      implements JournalCommand {
    @Override
    public int entries() {
      return encodedEntries.size();
    }
  }

  /**
   * A finished invocation's summary and whole journal, written as one summary row and one packed
   * entries row. It weighs its entries, but never more than one full batch, so a long journal
   * always fits in the queue and goes into a transaction of its own.
   */
  record Finished(InvocationSummary summary, List<byte[]> encodedEntries, int weightCap, CompletableFuture<Void> done)
      implements JournalCommand {
    @Override
    public int entries() {
      return Math.min(encodedEntries.size(), weightCap);
    }

    /** Nobody waits for it: the invocation's response has left (StoredJournals). */
    @Override
    public boolean lazy() {
      return true;
    }
  }

  /** Creates or replaces one invocation's summary (its counts excepted). */
  record PutSummary(InvocationSummary summary, CompletableFuture<Void> done) implements JournalCommand {
    @Override
    public int entries() {
      return 1;
    }
  }

  /**
   * One step of retention, in a transaction of its own; the writer queues the next step behind what
   * arrived meanwhile, carrying {@code deletedSoFar}, and completes {@code done} after the last.
   */
  record Maintenance(JournalRetention.Rule rule, long deletedSoFar, CompletableFuture<Long> done) implements JournalCommand {
    @Override
    public int entries() {
      return 0;
    }
  }

  /** The last command: the writer closes its connection and completes {@code done}. */
  record Stop(CompletableFuture<Void> done) implements JournalCommand {
    @Override
    public int entries() {
      return 0;
    }
  }
}
