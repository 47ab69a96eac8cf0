package dev.cairn.server.gateway;

import dev.cairn.core.CairnException;
import dev.cairn.core.http.BodySource;
import dev.cairn.server.ServerException;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request's body as Jetty delivers it, read only as fast as the handler asks. Before the handler
 * starts, what has already arrived is read ({@link #prefetch}): a body complete by then is handed
 * over whole (and journaled inside {@code Started}); any other body becomes a {@link BodySource}
 * the handler pulls from. Nothing is read that the handler did not ask for, so a handler that
 * ignores a large upload makes the node hold at most {@link #PREFETCH_BYTES_MAX} of it; the client
 * is held back by TCP.
 */
final class RequestBody implements BodySource {
  /** Read before the handler starts, at most (then the body is streamed). Equal to the journal's body limit. */
  static final int PREFETCH_BYTES_MAX = dev.cairn.js.JournalJson.BODY_BYTES_MAX;
  /** One read takes what has arrived, until it holds about this much (Jetty's chunks are not split). */
  static final int READ_BYTES_MAX = 64 * 1024;

  /** What was there when the handler was about to start. */
  sealed interface Prefetched {
    /** The body in full. */
    record Whole(byte[] body) implements Prefetched {}

    /** The body is still arriving; {@code rest} gives what was read so far, then the rest. */
    record Streaming(RequestBody rest) implements Prefetched {}

    record Failed(CairnException error) implements Prefetched {}
  }

  private final Request request;
  private final long bytesMax;
  private long bytesRead;
  private byte[] prefix;
  private boolean ended;
  private boolean discarded;
  private CompletableFuture<byte[]> pending;

  private RequestBody(Request request, long bytesMax, byte[] prefix, long bytesRead) {
    this.request = request;
    this.bytesMax = bytesMax;
    this.prefix = prefix;
    this.bytesRead = bytesRead;
  }

  /** Reads what has arrived (never waits), up to {@link #PREFETCH_BYTES_MAX}. */
  static Prefetched prefetch(Request request, long bytesMax) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < PREFETCH_BYTES_MAX) {
      Content.Chunk chunk = request.read();
      if (chunk == null) break;
      if (Content.Chunk.isFailure(chunk)) return new Prefetched.Failed(unreadable(chunk.getFailure()));
      copy(chunk, got);
      if (got.size() > bytesMax) return new Prefetched.Failed(ServerException.bodyTooLarge(bytesMax));
      if (chunk.isLast()) return new Prefetched.Whole(got.toByteArray());
    }
    return new Prefetched.Streaming(new RequestBody(request, bytesMax, got.size() == 0 ? null : got.toByteArray(), got.size()));
  }

  @Override
  public CompletableFuture<byte[]> read() {
    CompletableFuture<byte[]> next;
    synchronized (this) {
      if (pending != null) return CompletableFuture.failedFuture(new IllegalStateException("a request body is read one chunk at a time"));
      if (prefix != null) {
        byte[] p = prefix;
        prefix = null;
        return CompletableFuture.completedFuture(p);
      }
      if (discarded) return CompletableFuture.failedFuture(gone());
      if (ended) return CompletableFuture.completedFuture(END);
      next = pending = new CompletableFuture<>();
    }
    readAvailable();
    return next;
  }

  /** Takes the chunks that have arrived; when none has, asks Jetty to call back when one does. */
  private void readAvailable() {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Object outcome;
    synchronized (this) {
      if (pending == null) return;
      outcome = discarded ? gone() : null;
      while (outcome == null) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          if (got.size() > 0) outcome = got.toByteArray();
          else {
            request.demand(this::readAvailable);
            return;
          }
        } else if (Content.Chunk.isFailure(chunk)) {
          outcome = unreadable(chunk.getFailure());
        } else {
          bytesRead += copy(chunk, got);
          if (bytesRead > bytesMax) outcome = ServerException.bodyTooLarge(bytesMax);
          else if (chunk.isLast()) {
            ended = true;
            outcome = got.size() > 0 ? got.toByteArray() : END;
          } else if (got.size() >= READ_BYTES_MAX) {
            outcome = got.toByteArray();
          }
        }
      }
      if (outcome instanceof CairnException) ended = true;
    }
    CompletableFuture<byte[]> done;
    synchronized (this) {
      done = pending;
      pending = null;
    }
    if (outcome instanceof CairnException e) done.completeExceptionally(e);
    else done.complete((byte[]) outcome);
  }

  /**
   * No more reads from Jetty: called before the response completes, since Jetty may reuse the
   * request's objects after that. A read still waiting, or a later one, fails.
   */
  @Override
  public synchronized void discard() {
    discarded = true;
    prefix = null;
  }

  private static CairnException gone() {
    return ServerException.bodyUnreadable("the response was sent (or the request ended) before the handler read the request body");
  }

  private static int copy(Content.Chunk chunk, ByteArrayOutputStream to) {
    var buffer = chunk.getByteBuffer();
    int n = buffer.remaining();
    if (n > 0) {
      byte[] bytes = new byte[n];
      buffer.get(bytes);
      to.write(bytes, 0, n);
    }
    chunk.release();
    return n;
  }

  private static CairnException unreadable(Throwable failure) {
    return ServerException.bodyUnreadable(String.valueOf(failure == null ? "the upload broke off" : failure.getMessage()));
  }
}
