package dev.cairn.js;

import dev.cairn.core.CairnException;
import dev.cairn.core.Invariants;
import dev.cairn.core.http.BodySink;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The body of a streamed response, between the handler's stream and the {@link BodySink} that sends
 * it on. The handler's side writes one chunk at a time and waits until the sink took it: that wait
 * is what keeps a slow client from making the node buffer a fast stream. Whoever serves the
 * response attaches the sink once it has the head; a chunk written before that waits for it.
 *
 * <p>It also keeps the body's first {@link JournalJson#BODY_BYTES_MAX} bytes and its length, which
 * is what the journal's {@code Completed} entry holds of a response body.
 */
public final class ResponseBody {
  private BodySink sink;
  private byte[] parked;
  private CompletableFuture<Void> parkedTaken;
  private boolean ended;
  private CairnException aborted;
  private final ByteArrayOutputStream first = new ByteArrayOutputStream();
  private long bytesWritten;

  /** One chunk from the handler; completes when the sink took it. One write at a time. */
  public CompletableFuture<Void> write(byte[] chunk) {
    BodySink s;
    synchronized (this) {
      if (aborted != null) return CompletableFuture.failedFuture(aborted);
      Invariants.check(!ended && parked == null, "a response body write while %s", ended ? "ended" : "another write waits");
      bytesWritten += chunk.length;
      int keep = (int) Math.min(chunk.length, Math.max(0, JournalJson.BODY_BYTES_MAX - first.size()));
      first.write(chunk, 0, keep);
      if (sink == null) {
        parked = chunk;
        parkedTaken = new CompletableFuture<>();
        return parkedTaken;
      }
      s = sink;
    }
    return s.write(chunk);
  }

  /** Starts sending: chunks go to {@code to} from now on (a chunk waiting for it goes first). */
  public void attach(BodySink to) {
    byte[] p;
    CompletableFuture<Void> taken;
    boolean end;
    CairnException abort;
    synchronized (this) {
      Invariants.check(sink == null, "a response body attached twice");
      sink = to;
      p = parked;
      taken = parkedTaken;
      parked = null;
      parkedTaken = null;
      end = ended;
      abort = aborted;
    }
    if (abort != null) {
      to.abort(abort);
      return;
    }
    if (p != null) {
      to.write(p).whenComplete((v, e) -> {
        if (e != null) taken.completeExceptionally(e);
        else taken.complete(null);
      });
    }
    if (end) to.end();
  }

  /** The handler's stream ended: the body is complete. */
  void end() {
    BodySink s;
    synchronized (this) {
      if (ended || aborted != null) return;
      ended = true;
      s = sink;
    }
    if (s != null) s.end();
  }

  /** The body breaks off (a limit, an error in the stream, the invocation lost); later writes fail. Any thread. */
  void abort(CairnException reason) {
    BodySink s;
    CompletableFuture<Void> taken;
    synchronized (this) {
      if (ended || aborted != null) return;
      aborted = reason;
      s = sink;
      taken = parkedTaken;
      parked = null;
      parkedTaken = null;
    }
    if (taken != null) taken.completeExceptionally(reason);
    if (s != null) s.abort(reason);
  }

  synchronized long bytesWritten() {
    return bytesWritten;
  }

  /** The body's first bytes, as many as the journal keeps. */
  synchronized byte[] firstBytes() {
    return first.toByteArray();
  }

  /** The whole body, once it ended; at most {@code bytesMax} bytes are kept (the writer enforces that limit). */
  CompletableFuture<byte[]> collect(long bytesMax) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    attach(new BodySink() {
      @Override
      public CompletableFuture<Void> write(byte[] chunk) {
        synchronized (all) {
          Invariants.check(all.size() + (long) chunk.length <= bytesMax, "a collected body past its limit of %s bytes", bytesMax);
          all.write(chunk, 0, chunk.length);
        }
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void end() {
        synchronized (all) {
          done.complete(all.toByteArray());
        }
      }

      @Override
      public void abort(CairnException reason) {
        done.completeExceptionally(reason);
      }
    });
    return done;
  }
}
