package dev.cairn.server.journal;

import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.js.Invocation;
import dev.cairn.js.JournalSink;
import dev.cairn.server.RequestLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's {@link JournalSink}: applies each service's recording policy and hands kept
 * journals to the {@link JournalStore} (group commit). Storing happens after the response left:
 * for stateless services the journal is observability, so a request never waits for its fsync.
 */
public final class StoredJournals implements JournalSink {
  private final JournalStore store;
  private final Manifest manifest;
  private final RequestLog log;

  public StoredJournals(JournalStore store, Manifest manifest, RequestLog log) {
    this.store = store;
    this.manifest = manifest;
    this.log = log;
  }

  @Override
  public void finished(Invocation invocation, Optional<Journal> journal, boolean failed) {
    if (!invocation.kind().durable()) { // entity events are always kept: their journal is how they are inspected
      ServiceSpec spec = manifest.services().get(invocation.service());
      if (spec == null || !spec.record().keeps(failed, invocation.seed())) return;
    }
    if (journal.isEmpty()) {
      log.error(invocation.service(), invocation.id(), "journal_limit_exceeded",
          "the invocation's journal passed a limit and was not kept", "");
      return;
    }
    Journal j = journal.get();
    JournalEntry.Started started = j.started();
    long endMs = j.outcome().map(StoredJournals::timeOf).orElse(started.timeMs());
    JournalStore.Status status = j.outcome().orElse(null) instanceof JournalEntry.Completed && !failed
        ? JournalStore.Status.COMPLETED : JournalStore.Status.FAILED;
    List<byte[]> frames = new ArrayList<>(j.size());
    for (int i = 0; i < j.size(); i++) frames.add(j.encoded(i).toArray());
    store.putFinished(InvocationSummary.of(started.invocationId(), started.target(), started.kind(), status,
        started.timeMs(), Math.max(0, endMs - started.timeMs())), frames).whenComplete((v, err) -> {
      if (err != null) {
        log.error(invocation.service(), invocation.id(), "journal_store_failed", "journal not stored: " + err.getMessage(), "");
      }
    });
  }

  private static long timeOf(JournalEntry.End end) {
    return switch (end) {
      case JournalEntry.Completed c -> c.timeMs();
      case JournalEntry.Failed f -> f.timeMs();
    };
  }
}
