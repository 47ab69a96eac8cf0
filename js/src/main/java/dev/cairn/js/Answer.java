package dev.cairn.js;

import dev.cairn.core.http.ResponseData;
import java.util.concurrent.CompletableFuture;

/**
 * What a fetch handler answered: a whole response, or the head of one whose body is still being
 * streamed by the handler (status and headers can be sent now, the body follows chunk by chunk).
 */
public sealed interface Answer {
  record Whole(ResponseData response) implements Answer {}

  /** {@code head} has the status and headers and no body; the body arrives through {@code body}. */
  record Streamed(ResponseData head, ResponseBody body, long bodyBytesMax) implements Answer {}

  /** The whole response: a streamed body is collected until it ends (it cannot pass {@code bodyBytesMax}). */
  default CompletableFuture<ResponseData> whole() {
    return switch (this) {
      case Whole w -> CompletableFuture.completedFuture(w.response());
      case Streamed s -> s.body().collect(s.bodyBytesMax())
          .thenApply(bytes -> new ResponseData(s.head().status(), s.head().headers(), bytes));
    };
  }
}
