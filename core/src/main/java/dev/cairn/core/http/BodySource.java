package dev.cairn.core.http;

import java.util.concurrent.CompletableFuture;

/**
 * A request body still arriving: read chunk by chunk as the handler asks for it, so a body is never
 * held whole unless the handler wants it whole. One read at a time; the reader decides the pace,
 * which is the backpressure toward the client.
 */
public interface BodySource {
  /** No more bytes: what {@link #read()} completes with at the end of the body. */
  byte[] END = new byte[0];

  /**
   * The next chunk (never empty), or {@link #END}. Fails with a {@code CairnException} when the body
   * passes its size limit ({@code body_too_large}) or the client's upload breaks off.
   */
  CompletableFuture<byte[]> read();

  /** The reader is done with the body (read or not); what was not read is never buffered. */
  default void discard() {}
}
