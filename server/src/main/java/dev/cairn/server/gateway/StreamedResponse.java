package dev.cairn.server.gateway;

import dev.cairn.core.CairnException;
import dev.cairn.core.http.BodySink;
import dev.cairn.server.ServerException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A response whose body the handler streams, written to Jetty as it comes: the head is flushed at
 * once (the client sees status and headers while the body is still being made), each chunk is one
 * {@code write(false, ...)} and the next is asked for only when Jetty finished the previous one, so
 * at most one chunk is ever in flight. An abort fails Jetty's callback, which cuts the connection:
 * the client sees a truncated body, never a complete-looking one.
 */
final class StreamedResponse implements BodySink {
  private final Response response;
  private final Callback callback;
  private final Consumer<CairnException> finished;
  private final CompletableFuture<Void> headSent = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

  /** {@code finished} gets null when the body ended, else why it broke off (once). */
  StreamedResponse(Response response, Callback callback, Consumer<CairnException> finished) {
    this.response = response;
    this.callback = callback;
    this.finished = finished;
    response.write(false, ByteBuffer.allocate(0), completing(headSent));
  }

  @Override
  public CompletableFuture<Void> write(byte[] chunk) {
    return headSent.thenCompose(v -> {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      response.write(false, ByteBuffer.wrap(chunk), completing(sent));
      return sent;
    });
  }

  @Override
  public void end() {
    headSent.whenComplete((v, e) -> {
      if (e != null) {
        abort(clientGone(e));
        return;
      }
      response.write(true, ByteBuffer.allocate(0), Callback.from(() -> finish(null), failure -> finish(clientGone(failure))));
    });
  }

  @Override
  public void abort(CairnException reason) {
    finish(reason);
  }

  /** Completes Jetty's callback and reports the outcome, once whatever comes first. */
  private void finish(CairnException failure) {
    if (!done.compareAndSet(false, true)) return;
    if (failure == null) callback.succeeded();
    else callback.failed(failure);
    finished.accept(failure);
  }

  /** A Jetty callback completing {@code future}; a failure is the client gone (a closed or reset connection). */
  private static Callback completing(CompletableFuture<Void> future) {
    return Callback.from(() -> future.complete(null), failure -> future.completeExceptionally(clientGone(failure)));
  }

  private static CairnException clientGone(Throwable failure) {
    Throwable e = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return e instanceof CairnException ce ? ce : ServerException.clientDisconnected(String.valueOf(e.getMessage()));
  }
}
