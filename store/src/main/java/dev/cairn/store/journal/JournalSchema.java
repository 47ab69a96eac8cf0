package dev.cairn.store.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journal database's tables and connection settings, in one place.
 *
 * <p>{@code journal_entries} is clustered on {@code (invocation_id, idx)} ({@code WITHOUT ROWID}):
 * reading a journal is one range scan and deleting one is a range delete. A row holds {@code n}
 * entries starting at index {@code idx}: one raw entry when {@code n = 1} (appends), or several
 * packed by {@link PackedEntries} (a finished journal stored at once). {@code invocations} holds one
 * summary row per invocation, so a listing reads summaries only and never decodes an entry; its
 * {@code entry_count} is the next index to append, which makes the contiguity check one point
 * lookup that survives restarts. Indexes serve listings by time and by target and time, and
 * retention (oldest first); the status index is partial, on the few rows that are not
 * {@code completed}, because every index costs each of the many stateless inserts.
 *
 * <p>A finished journal stored at once ({@code putFinished}) keeps its entries, packed, in its
 * summary row's {@code packed} column instead of in {@code journal_entries}: one row instead of two
 * per stateless invocation (measured: 12 % less writer CPU per W1 journal). Listings name their
 * columns and never read it. Appends after it, if any, go to {@code journal_entries} from index
 * {@code n}.
 *
 * <p><b>Finished blocks.</b> Finished stateless journals whose ids were minted by {@code InvocationIds}
 * (12 hex digits of milliseconds, then 16 random) are not stored one row each: the writer puts all
 * of one commit's into one {@code finished_blocks} row — an index of their summaries and one data
 * blob of their packed entries ({@link FinishedBlock}) — plus one {@code finished_block_tags} row
 * per target and status found in it, which listings with a filter use to skip blocks. Why: on W1
 * a journal row cost the writer its insert into three B-trees, and retention later the same again
 * to delete it (measured: ≈ 4 µs each per journal, half of what recording cost a request); a block
 * costs that once per commit, and retention deletes whole blocks. A journal is found by its id's
 * milliseconds ({@code min_id_ms}, within the widest block span seen), a listing by
 * {@code max_started_ms}. Blocks are sealed: appends to their journals are refused. Ids not minted
 * that way, running summaries and journals that ran longer than 10 s keep the row-per-journal path.
 *
 * <p>Version 2 added {@code n} and made the status index partial; version 3 added {@code packed};
 * version 4 added the finished blocks (an older file gains the empty tables).
 * Older files are upgraded in place when opened (a version-1 file's rows are all single entries,
 * which {@code n}'s default says; older files have no packed rows, which {@code NULL} says).
 */
final class JournalSchema {
  /** Bumped on any incompatible change; a newer file is refused rather than misread. */
  static final int VERSION = 4;

  private static final String[] DDL = {
    """
    CREATE TABLE IF NOT EXISTS journal_entries (
      invocation_id TEXT    NOT NULL,
      idx           INTEGER NOT NULL,
      bytes         BLOB    NOT NULL,
      n             INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (invocation_id, idx)
    ) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS invocations (
      invocation_id TEXT    NOT NULL PRIMARY KEY,
      target        TEXT    NOT NULL,
      kind          TEXT    NOT NULL,
      status        TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
      started_at_ms INTEGER NOT NULL,
      duration_ms   INTEGER NOT NULL,
      entry_count   INTEGER NOT NULL,
      bytes         INTEGER NOT NULL,
      packed        BLOB
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS invocations_by_time ON invocations (started_at_ms, invocation_id)",
    "CREATE INDEX IF NOT EXISTS invocations_by_target ON invocations (target, started_at_ms)",
    "CREATE INDEX IF NOT EXISTS invocations_unfinished_or_failed ON invocations (status, started_at_ms)"
        + " WHERE status <> 'completed'",
    """
    CREATE TABLE IF NOT EXISTS finished_blocks (
      block_id       INTEGER PRIMARY KEY AUTOINCREMENT,
      min_id_ms      INTEGER NOT NULL,
      max_id_ms      INTEGER NOT NULL,
      min_started_ms INTEGER NOT NULL,
      max_started_ms INTEGER NOT NULL,
      journals       INTEGER NOT NULL,
      bytes          INTEGER NOT NULL,
      idx            BLOB    NOT NULL,
      data           BLOB    NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS finished_blocks_by_id_ms ON finished_blocks (min_id_ms, max_id_ms)",
    "CREATE INDEX IF NOT EXISTS finished_blocks_by_started ON finished_blocks (max_started_ms)",
    """
    CREATE TABLE IF NOT EXISTS finished_block_tags (
      block_id       INTEGER NOT NULL,
      target         TEXT    NOT NULL,
      status         TEXT    NOT NULL,
      max_started_ms INTEGER NOT NULL,
      PRIMARY KEY (block_id, target, status)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS finished_block_tags_by_target ON finished_block_tags (target, status, max_started_ms)",
    "CREATE INDEX IF NOT EXISTS finished_block_tags_by_status ON finished_block_tags (status, max_started_ms)",
  };

  /** From version 2 to 3: a finished journal's entries in its summary row. */
  private static final String[] UPGRADE_FROM_2 = {
    "ALTER TABLE invocations ADD COLUMN packed BLOB",
  };

  /** From version 1 to 2: count column (old rows hold one entry each), partial status index. */
  private static final String[] UPGRADE_FROM_1 = {
    "ALTER TABLE journal_entries ADD COLUMN n INTEGER NOT NULL DEFAULT 1",
    "DROP INDEX IF EXISTS invocations_by_status",
  };

  /** How long SQLite itself waits on a lock before it says busy (the driver's default is 3 s). */
  static final int BUSY_TIMEOUT_MS = 10_000;

  /** The writer's page cache: 16 MiB, so a full batch and the B-trees' right edges stay in it. */
  static final int CACHE_KIB = 16_384;

  private JournalSchema() {}

  /**
   * The write connection: WAL, {@code synchronous=FULL} (so a commit fsyncs the log; in WAL mode
   * {@code NORMAL} does not, see FACTS.md), schema created, explicit transactions.
   *
   * <p>{@code temp_store=MEMORY}: the multi-row inserts of {@link FinishedRows} need a statement
   * journal, which SQLite otherwise spills to a temporary file past 64 KiB — measured on W1, 8,000
   * writes a second to that file. {@code cache_size}: see {@link #CACHE_KIB}.
   */
  static Connection openWriter(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
        String journalMode = mode.next() ? mode.getString(1) : "";
        if (!journalMode.equalsIgnoreCase("wal")) {
          throw new SQLException("cannot switch to WAL mode, journal_mode is " + journalMode);
        }
      }
      statement.execute("PRAGMA synchronous=FULL");
      statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
      statement.execute("PRAGMA temp_store=MEMORY");
      statement.execute("PRAGMA cache_size=-" + CACHE_KIB);
      int version;
      try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
        version = rows.next() ? rows.getInt(1) : 0;
      }
      if (version > VERSION) {
        throw new SQLException("journal database version " + version + " is newer than this Cairn (" + VERSION + ")");
      }
      if (version == 1) {
        for (String ddl : UPGRADE_FROM_1) {
          statement.execute(ddl);
        }
      }
      if (version == 1 || version == 2) {
        for (String ddl : UPGRADE_FROM_2) {
          statement.execute(ddl);
        }
      }
      for (String ddl : DDL) {
        statement.execute(ddl);
      }
      statement.execute("PRAGMA user_version=" + VERSION);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** A read connection: autocommit, so each query reads the latest committed snapshot (WAL). */
  static Connection openReader(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only=ON");
      statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }
}
