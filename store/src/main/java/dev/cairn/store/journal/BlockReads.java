package dev.cairn.store.journal;

import dev.cairn.core.InvocationIds;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Query;
import dev.cairn.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads of finished blocks ({@link FinishedBlock}) for {@link JournalReader}, on its connection and
 * under its lock. A journal is found by binary search in its block's index ({@link FinishedBlock#find});
 * a listing decodes whole indexes and keeps the last few, as it pages through blocks in order.
 */
final class BlockReads {
  private static final int CACHED_INDEXES = 8;

  /** A journal found in a block. */
  record Found(long blockId, FinishedBlock.Item item) {}

  private final Path file;
  private final Connection connection;
  private final BlockSpan span;
  private final PreparedStatement candidates;
  private final PreparedStatement index;
  private final PreparedStatement data;
  private final Map<Long, List<FinishedBlock.Item>> indexes = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, List<FinishedBlock.Item>> eldest) {
      return size() > CACHED_INDEXES;
    }
  };

  BlockReads(Path file, Connection connection, BlockSpan span) throws SQLException {
    this.file = file;
    this.connection = connection;
    this.span = span;
    this.candidates = connection.prepareStatement("SELECT block_id, journals FROM finished_blocks"
        + " WHERE min_id_ms BETWEEN ? AND ? AND max_id_ms >= ? ORDER BY block_id DESC");
    this.index = connection.prepareStatement("SELECT idx FROM finished_blocks WHERE block_id = ?");
    this.data = connection.prepareStatement("SELECT substr(data, ?, ?) FROM finished_blocks WHERE block_id = ?");
  }

  /** The block journal of {@code invocationId}, if its id was minted and a block holds it. */
  Optional<Found> find(String invocationId) throws SQLException {
    long ms = InvocationIds.mintedAtMs(invocationId);
    if (ms < 0) return Optional.empty();
    candidates.setLong(1, ms - span.widestMs());
    candidates.setLong(2, ms);
    candidates.setLong(3, ms);
    List<long[]> blocks = new java.util.ArrayList<>(); // (block id, journals)
    try (ResultSet rows = candidates.executeQuery()) {
      while (rows.next()) blocks.add(new long[] {rows.getLong(1), rows.getLong(2)});
    }
    for (long[] b : blocks) {
      long blockId = b[0];
      List<FinishedBlock.Item> cached = cached(blockId, b[1]);
      if (cached != null) { // decoded for a listing or a read just before
        for (FinishedBlock.Item item : cached) {
          if (item.summary().invocationId().equals(invocationId)) return Optional.of(new Found(blockId, item));
        }
        continue;
      }
      byte[] bytes = indexBytes(blockId);
      if (bytes == null) continue; // deleted by retention meanwhile
      try {
        FinishedBlock.Item item = FinishedBlock.find(bytes, invocationId); // binary search: nothing else decoded
        if (item != null) return Optional.of(new Found(blockId, item));
      } catch (FinishedBlock.DamagedIndex e) {
        throw damaged(blockId, e);
      }
    }
    return Optional.empty();
  }

  /** The packed entries of a found journal; null when retention deleted its block meanwhile. */
  byte[] packed(Found found) throws SQLException {
    data.setLong(1, found.item().dataOffset() + 1L); // substr counts from 1
    data.setLong(2, found.item().dataLength());
    data.setLong(3, found.blockId());
    try (ResultSet rows = data.executeQuery()) {
      if (!rows.next()) return null;
      byte[] bytes = rows.getBytes(1);
      return bytes == null ? new byte[0] : bytes;
    }
  }

  /**
   * Offers {@code sink} the summaries of blocks that may match {@code query}, newest blocks first,
   * until {@code enough} says no block still to come can hold a journal newer than those kept:
   * {@code enough} is asked with each next block's newest start.
   */
  void list(Query query, java.util.function.LongPredicate enough, Consumer<InvocationSummary> sink)
      throws SQLException {
    String sql;
    if (query.target().isPresent()) {
      sql = "SELECT t.block_id, t.max_started_ms, b.journals FROM finished_block_tags t JOIN finished_blocks b USING (block_id)"
          + " WHERE t.target = ?"
          + (query.status().isPresent() ? " AND t.status = ?" : "") + " AND t.max_started_ms >= ? ORDER BY t.max_started_ms DESC";
    } else if (query.status().isPresent()) {
      sql = "SELECT t.block_id, t.max_started_ms, b.journals FROM finished_block_tags t JOIN finished_blocks b USING (block_id)"
          + " WHERE t.status = ? AND t.max_started_ms >= ? ORDER BY t.max_started_ms DESC";
    } else {
      sql = "SELECT block_id, max_started_ms, journals FROM finished_blocks WHERE max_started_ms >= ? ORDER BY max_started_ms DESC";
    }
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      int p = 1;
      if (query.target().isPresent()) select.setString(p++, query.target().get());
      if (query.status().isPresent()) select.setString(p++, query.status().get().label());
      select.setLong(p, query.sinceMs());
      java.util.Set<Long> done = new java.util.HashSet<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long blockId = rows.getLong(1);
          if (enough.test(rows.getLong(2))) return;
          if (!done.add(blockId)) continue; // a block has one tag row per target and status
          for (FinishedBlock.Item item : items(blockId, rows.getLong(3))) {
            InvocationSummary s = item.summary();
            if (s.startedAtMs() < query.sinceMs()) continue;
            if (query.target().isPresent() && !query.target().get().equals(s.target())) continue;
            if (query.status().isPresent() && query.status().get() != s.status()) continue;
            sink.accept(s);
          }
        }
      }
    }
  }

  /** Forgets cached indexes (the reader is closing). */
  void clear() {
    indexes.clear();
  }

  /** A block's decoded index, for a listing (kept: listings page through blocks in order). */
  private List<FinishedBlock.Item> items(long blockId, long journals) throws SQLException {
    List<FinishedBlock.Item> cached = cached(blockId, journals);
    if (cached != null) return cached;
    byte[] bytes = indexBytes(blockId);
    if (bytes == null) return List.of(); // deleted by retention meanwhile
    try {
      List<FinishedBlock.Item> items = FinishedBlock.readIndex(bytes);
      indexes.put(blockId, items);
      return items;
    } catch (FinishedBlock.DamagedIndex e) {
      throw damaged(blockId, e);
    }
  }

  /**
   * A cached index, if it is still the block's: size retention may write a block again under its
   * id with fewer journals ({@code BlockWrites.trimOldest}), which the stored count tells.
   */
  private List<FinishedBlock.Item> cached(long blockId, long journals) {
    List<FinishedBlock.Item> cached = indexes.get(blockId);
    if (cached != null && cached.size() != journals) {
      indexes.remove(blockId);
      return null;
    }
    return cached;
  }

  private byte[] indexBytes(long blockId) throws SQLException {
    index.setLong(1, blockId);
    try (ResultSet rows = index.executeQuery()) {
      return rows.next() ? rows.getBytes(1) : null;
    }
  }

  private StoreException damaged(long blockId, FinishedBlock.DamagedIndex e) {
    return StoreException.io(file, "read finished block " + blockId + ": " + e.getMessage(), e);
  }
}
