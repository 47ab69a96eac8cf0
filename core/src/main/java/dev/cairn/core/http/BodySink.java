package dev.cairn.core.http;

import dev.cairn.core.CairnException;
import java.util.concurrent.CompletableFuture;

/**
 * Where a streamed response body goes (the client's connection, or a buffer for an in-process
 * caller): chunks one at a time, then the end or an abort.
 */
public interface BodySink {
  /** Takes one chunk; completes once it is sent on, which is when the next one may come. */
  CompletableFuture<Void> write(byte[] chunk);

  /** The body is complete. */
  void end();

  /** The body breaks off: the client sees a truncated response. */
  void abort(CairnException reason);
}
