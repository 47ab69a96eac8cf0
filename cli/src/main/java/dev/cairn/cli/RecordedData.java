package dev.cairn.cli;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import dev.cairn.server.journal.Timeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An app's recorded invocations, wherever they are: its {@code .cairn/journal.db} opened directly
 * ({@link LocalData}) or a running server's admin API ({@link RemoteData}). The commands do not know
 * which. Errors are {@code CairnException}s with the same codes either way.
 */
interface RecordedData extends AutoCloseable {
  /** Filters as given on the command line (parsed by {@code AdminParams}, here or on the server). */
  List<InvocationSummary> list(Optional<String> service, Optional<String> status, Optional<String> since, Optional<String> limit);

  Inspection inspect(String invocationId, boolean full);

  ReplayReport replay(String invocationId, Optional<Path> code);

  List<ReplayReport> replayAll(String service, Optional<Path> code, int limit);

  @Override
  void close();

  /** One invocation: its summary and its timeline. */
  record Inspection(InvocationSummary summary, Timeline timeline) {}
}
