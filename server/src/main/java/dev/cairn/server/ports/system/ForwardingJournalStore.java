package dev.cairn.server.ports.system;

import dev.cairn.core.spi.JournalStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A {@link JournalStore} that forwards every call: the base of fault-injecting wrappers. */
class ForwardingJournalStore implements JournalStore {
  private final JournalStore inner;

  ForwardingJournalStore(JournalStore inner) {
    this.inner = inner;
  }

  @Override public CompletableFuture<Void> append(String invocationId, int firstIndex, List<byte[]> encodedEntries) {
    return inner.append(invocationId, firstIndex, encodedEntries);
  }
  @Override public CompletableFuture<Void> putFinished(InvocationSummary summary, List<byte[]> encodedEntries) {
    return inner.putFinished(summary, encodedEntries);
  }
  @Override public CompletableFuture<Void> putSummary(InvocationSummary summary) { return inner.putSummary(summary); }
  @Override public List<byte[]> read(String invocationId) { return inner.read(invocationId); }
  @Override public Optional<InvocationSummary> summary(String invocationId) { return inner.summary(invocationId); }
  @Override public List<InvocationSummary> list(Query query) { return inner.list(query); }
  @Override public long deleteOlderThan(long cutoffMs) { return inner.deleteOlderThan(cutoffMs); }
  @Override public long deleteToFitBytes(long maxBytes) { return inner.deleteToFitBytes(maxBytes); }
  @Override public void close() { inner.close(); }
}
