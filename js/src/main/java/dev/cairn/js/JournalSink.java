package dev.cairn.js;

import dev.cairn.core.journal.Journal;
import java.util.Optional;

/**
 * Where finished invocations' journals go. The server's implementation applies the service's
 * recording policy and stores them; replay runs without one.
 */
public interface JournalSink {
  /**
   * @param invocation the invocation that finished
   * @param journal its journal, or empty when recording stopped at a limit
   * @param failed true when it ended in an error (or an HTTP 5xx response)
   */
  void finished(Invocation invocation, Optional<Journal> journal, boolean failed);
}
