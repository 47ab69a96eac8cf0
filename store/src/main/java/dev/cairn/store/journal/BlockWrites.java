package dev.cairn.store.journal;

import dev.cairn.core.InvocationIds;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes finished journals as blocks ({@link FinishedBlock}, {@link JournalSchema}): runs on the
 * writer thread only, inside its open transaction. A journal is refused alone (its neighbours are
 * stored) when its id already has a summary row or comes twice in the same commit. Ids minted by
 * {@code InvocationIds} never repeat, so earlier blocks are not searched for it: that search would
 * cost what blocks save.
 */
final class BlockWrites {
  /** Data bytes past which a commit's journals start a further block (bounds one row, and one read). */
  static final int BLOCK_DATA_BYTES_MAX = 4 << 20;
  /** The widest span of id milliseconds one existence query covers. */
  private static final long RUN_SPAN_MS = 1_000;

  private final PreparedStatement insertBlock;
  private final PreparedStatement insertTag;
  private final PreparedStatement inRange;
  private final Connection connection;
  private final BlockSpan span;

  BlockWrites(Connection connection, BlockSpan span) throws SQLException {
    this.connection = connection;
    this.span = span;
    this.insertBlock = connection.prepareStatement("INSERT INTO finished_blocks"
        + " (min_id_ms, max_id_ms, min_started_ms, max_started_ms, journals, bytes, idx, data, block_id)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.inRange = connection.prepareStatement("SELECT invocation_id FROM invocations WHERE invocation_id BETWEEN ? AND ?");
    this.insertTag = connection.prepareStatement(
        "INSERT INTO finished_block_tags (block_id, target, status, max_started_ms) VALUES (?, ?, ?, ?)");
  }

  /**
   * Journals that ran longer keep the row path. Why: a block spans the id milliseconds of its
   * journals, so one long journal widens it, and a lookup searches back by the widest span ever
   * stored ({@link BlockSpan}); bounding the duration bounds that search (≈ 10 s of blocks).
   */
  static final long DURATION_MS_MAX = 10_000;

  /** Whether this finished journal goes into a block: a minted id, a summary that will not change, a short run. */
  static boolean fits(InvocationSummary summary) {
    return summary.status() != Status.RUNNING && summary.durationMs() <= DURATION_MS_MAX
        && InvocationIds.mintedAtMs(summary.invocationId()) >= 0;
  }

  /** Writes {@code journals} (all {@link #fits}); returns, per journal, null when written or why it was refused. */
  List<StoreException> write(List<JournalCommand.Finished> journals) throws SQLException {
    List<StoreException> out = new ArrayList<>(journals.size());
    Set<String> taken = existing(journals);
    Set<String> seen = new HashSet<>();
    FinishedBlock.Builder block = new FinishedBlock.Builder();
    for (JournalCommand.Finished f : journals) {
      String id = f.summary().invocationId();
      if (taken.contains(id) || !seen.add(id)) {
        out.add(StoreException.journalExists(id));
        continue;
      }
      long bytes = 0;
      for (byte[] e : f.encodedEntries()) bytes += e.length;
      if (block.journals() > 0 && block.dataBytes() + bytes > BLOCK_DATA_BYTES_MAX) {
        insert(block);
        block = new FinishedBlock.Builder();
      }
      InvocationSummary s = f.summary();
      block.add(new InvocationSummary(id, s.target(), s.kind(), s.status(), s.startedAtMs(), s.durationMs(),
          f.encodedEntries().size(), bytes), f.encodedEntries());
      out.add(null);
    }
    if (block.journals() > 0) insert(block);
    return out;
  }

  private void insert(FinishedBlock.Builder block) throws SQLException {
    insert(block, -1);
  }

  /** Inserts {@code block} as a new row, under {@code blockId} when it is not -1. */
  private void insert(FinishedBlock.Builder block, long blockId) throws SQLException {
    long minId = Long.MAX_VALUE, maxId = Long.MIN_VALUE, minStarted = Long.MAX_VALUE, maxStarted = Long.MIN_VALUE, bytes = 0;
    Map<List<String>, Long> tags = new HashMap<>(); // (target, status) -> latest start among them
    for (FinishedBlock.Item item : block.items()) {
      InvocationSummary s = item.summary();
      long idMs = InvocationIds.mintedAtMs(s.invocationId());
      minId = Math.min(minId, idMs);
      maxId = Math.max(maxId, idMs);
      minStarted = Math.min(minStarted, s.startedAtMs());
      maxStarted = Math.max(maxStarted, s.startedAtMs());
      bytes += s.bytes();
      tags.merge(List.of(s.target(), s.status().label()), s.startedAtMs(), Math::max);
    }
    insertBlock.setLong(1, minId);
    insertBlock.setLong(2, maxId);
    insertBlock.setLong(3, minStarted);
    insertBlock.setLong(4, maxStarted);
    insertBlock.setLong(5, block.journals());
    insertBlock.setLong(6, bytes);
    insertBlock.setBytes(7, block.index());
    insertBlock.setBytes(8, block.data());
    if (blockId < 0) {
      insertBlock.setNull(9, java.sql.Types.INTEGER); // NULL: SQLite picks the next id
    } else {
      insertBlock.setLong(9, blockId);
    }
    insertBlock.executeUpdate();
    if (blockId < 0) {
      try (var s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT last_insert_rowid()")) {
        rows.next();
        blockId = rows.getLong(1);
      }
    }
    for (var tag : tags.entrySet()) {
      insertTag.setLong(1, blockId);
      insertTag.setString(2, tag.getKey().get(0));
      insertTag.setString(3, tag.getKey().get(1));
      insertTag.setLong(4, tag.getValue());
      insertTag.addBatch();
    }
    insertTag.executeBatch();
    span.widen(maxId - minId); // before the commit: a reader may look a little wider than needed, never narrower
  }

  /** What {@link #trimOldest} removed. */
  record Trimmed(long journals, long bytes) {}

  /**
   * Size retention's last step when a whole block would be too much: writes the block again without
   * its oldest journals (oldest started first) until at least {@code bytesToDrop} entry bytes are
   * gone, and deletes the old one. Why: blocks are otherwise deleted whole, and with a small
   * {@code bytesMax} one block can be all there is — deleting it would keep nothing where the rule
   * says keep the newest that fit. Rare (once per retention run at most), so a rewrite is cheap.
   */
  Trimmed trimOldest(long blockId, long bytesToDrop) throws SQLException {
    byte[] index;
    byte[] data;
    try (PreparedStatement s = connection.prepareStatement("SELECT idx, data FROM finished_blocks WHERE block_id = ?")) {
      s.setLong(1, blockId);
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) return new Trimmed(0, 0);
        index = rows.getBytes(1);
        data = rows.getBytes(2);
      }
    }
    List<FinishedBlock.Item> items;
    try {
      items = new ArrayList<>(FinishedBlock.readIndex(index));
    } catch (FinishedBlock.DamagedIndex e) {
      throw new SQLException("finished block " + blockId + ": " + e.getMessage(), e);
    }
    items.sort(java.util.Comparator.comparingLong((FinishedBlock.Item i) -> i.summary().startedAtMs())
        .thenComparing(i -> i.summary().invocationId()));
    long dropped = 0;
    int first = 0;
    while (first < items.size() && dropped < bytesToDrop) dropped += items.get(first++).summary().bytes();
    FinishedBlock.Builder kept = new FinishedBlock.Builder();
    for (FinishedBlock.Item item : items.subList(first, items.size())) {
      kept.addPacked(item.summary(), data, item.dataOffset(), item.dataLength()); // the packed bytes as they are
    }
    JournalRetention.deleteBlocks(connection, List.of(blockId));
    if (kept.journals() > 0) insert(kept, blockId); // the same id: the block keeps its place, oldest first
    return new Trimmed(first, dropped);
  }

  /**
   * The ids among {@code journals} that already have a summary row. Minted ids sort by their
   * milliseconds, so the sorted ids are cut into runs spanning at most {@link #RUN_SPAN_MS} and each
   * run is one range query (what it returns: the few summary rows minted in that span, mostly none)
   * instead of a lookup per id. Measured on W1: the lookups were a tenth of the writer's time.
   */
  private Set<String> existing(List<JournalCommand.Finished> journals) throws SQLException {
    List<String> ids = new ArrayList<>(journals.size());
    for (JournalCommand.Finished f : journals) ids.add(f.summary().invocationId());
    ids.sort(null);
    Set<String> wanted = new HashSet<>(ids);
    Set<String> found = new HashSet<>();
    for (int from = 0; from < ids.size(); ) {
      long startMs = InvocationIds.mintedAtMs(ids.get(from));
      int to = from + 1;
      while (to < ids.size() && InvocationIds.mintedAtMs(ids.get(to)) - startMs <= RUN_SPAN_MS) to++;
      inRange.setString(1, ids.get(from));
      inRange.setString(2, ids.get(to - 1));
      try (ResultSet rows = inRange.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString(1);
          if (wanted.contains(id)) found.add(id);
        }
      }
      from = to;
    }
    return found;
  }
}
