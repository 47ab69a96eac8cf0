package dev.cairn.store.entity;

import dev.cairn.core.entity.EntityLimits;

/**
 * The bounds of a {@link SqliteEntityStore}: what users see ({@link EntityLimits}) and what bounds
 * its own queue, transactions and connections.
 *
 * @param entity the user-visible limits (key, value, keys per call, bytes per entity)
 * @param queueKeysMax keys (a batch weighs its keys + 1) accepted but not yet committed. Past it a
 *     commit fails at once with {@code entity_store_overloaded}: nobody is parked behind a disk
 *     that cannot keep up, and memory stays bounded.
 * @param transactionKeysMax keys the writer puts into one transaction. Bigger shares one fsync
 *     among more batches; smaller bounds how long one commit holds the writer.
 * @param readConnections connections reads are spread over
 */
public record SqliteEntityStoreLimits(EntityLimits entity, int queueKeysMax, int transactionKeysMax,
    int readConnections) {
  /** Workers' limits; 65,536 queued keys, 8,192 keys per transaction, 4 read connections. */
  public static final SqliteEntityStoreLimits DEFAULTS =
      new SqliteEntityStoreLimits(EntityLimits.DEFAULTS, 65_536, 8_192, 4);

  public SqliteEntityStoreLimits {
    if (entity == null) {
      throw new IllegalArgumentException("entity limits must be given");
    }
    if (queueKeysMax < 1 || transactionKeysMax < 1 || readConnections < 1) {
      throw new IllegalArgumentException("entity store limits must be positive: queueKeysMax " + queueKeysMax
          + ", transactionKeysMax " + transactionKeysMax + ", readConnections " + readConnections);
    }
    if (entity.batchKeysMax() + 1 > transactionKeysMax || transactionKeysMax > queueKeysMax) {
      throw new IllegalArgumentException("need batchKeysMax + 1 (" + (entity.batchKeysMax() + 1)
          + ") <= transactionKeysMax (" + transactionKeysMax + ") <= queueKeysMax (" + queueKeysMax
          + "): a full batch must fit in one transaction and in the queue");
    }
  }

  public SqliteEntityStoreLimits withEntity(EntityLimits value) {
    return new SqliteEntityStoreLimits(value, queueKeysMax, transactionKeysMax, readConnections);
  }
}
