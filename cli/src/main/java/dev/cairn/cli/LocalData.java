package dev.cairn.cli;

import dev.cairn.core.journal.Journal;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.server.admin.AdminException;
import dev.cairn.server.admin.AdminParams;
import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.ReplayService;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The journal database of an app folder, opened directly. Safe while the app is served: the store
 * is in WAL mode, so this reader sees the last commit and never waits for the server's writer.
 */
final class LocalData implements RecordedData {
  private final Path appDir;
  private final CliContext context;
  private final ThreadScheduler scheduler;
  private final SqliteJournalStore store;
  private ReplayService replay;

  private LocalData(Path appDir, CliContext context, ThreadScheduler scheduler, SqliteJournalStore store) {
    this.appDir = appDir;
    this.context = context;
    this.scheduler = scheduler;
    this.store = store;
  }

  static LocalData open(Path appDir, CliContext context) {
    if (!Files.isDirectory(appDir)) throw CliException.appNotFound(appDir);
    Path file = appDir.resolve(".cairn").resolve("journal.db");
    if (!Files.isRegularFile(file)) throw CliException.journalNotFound(appDir, file);
    ThreadScheduler scheduler = new ThreadScheduler();
    try {
      return new LocalData(appDir, context, scheduler, SqliteJournalStore.open(file, scheduler));
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
  }

  @Override
  public List<InvocationSummary> list(Optional<String> service, Optional<String> status, Optional<String> since,
      Optional<String> limit) {
    return store.list(AdminParams.query(service, status, since, limit, context.clock().nowMs()));
  }

  @Override
  public Inspection inspect(String invocationId, boolean full) {
    return new Inspection(summary(invocationId), JournalViews.timeline(store.read(invocationId), full));
  }

  /** Checks the journal first (unknown id, corrupt entry, version, limits): those errors need no replay engine. */
  @Override
  public ReplayReport replay(String invocationId, Optional<Path> code) {
    summary(invocationId);
    Journal.fromEncoded(store.read(invocationId));
    return replayService().replay(invocationId, code);
  }

  @Override
  public List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
    return replayService().replayAll(service, code, limit);
  }

  private InvocationSummary summary(String invocationId) {
    return store.summary(invocationId).orElseThrow(() -> AdminException.invocationNotFound(invocationId));
  }

  private ReplayService replayService() {
    if (replay == null) replay = context.localReplay().open(appDir, store);
    return replay;
  }

  @Override
  public void close() {
    try {
      if (replay instanceof AutoCloseable c) c.close();
    } catch (Exception e) {
      // closing the replay engine only frees memory; the store still closes below
    }
    try {
      store.close();
    } finally {
      scheduler.close();
    }
  }
}
