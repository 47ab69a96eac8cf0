package dev.cairn.store.entity;

import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.commit.GroupCommitQueue;
import java.util.concurrent.CompletableFuture;

/** What callers hand to the entity writer: batches share transactions; stop runs last, alone. */
sealed interface EntityCommand extends GroupCommitQueue.Command {
  /** One event's writes to one entity. Weighs its keys plus one (the entity's own row and alarm). */
  record Commit(EntityAddress entity, WriteBatch batch, CompletableFuture<Void> done) implements EntityCommand {
    @Override
    public int weight() {
      return batch.keys() + 1;
    }

    @Override
    public boolean groupable() {
      return true;
    }
  }

  /** The last command: the writer closes its connection and completes {@code done}. */
  record Stop(CompletableFuture<Void> done) implements EntityCommand {
    @Override
    public int weight() {
      return 0;
    }

    @Override
    public boolean groupable() {
      return false;
    }
  }
}
