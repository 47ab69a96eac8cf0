package dev.cairn.providers;

import dev.cairn.core.capability.CapabilityException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a blocking client call (JDBC, file I/O) on the Scheduler's blocking executor and turns its
 * failure into a contract error: a {@link CapabilityException} passes through, anything else means
 * the provider could not serve ({@code capability_unavailable}).
 */
public final class Blocking {
  private Blocking() {}

  public static <T> CompletableFuture<T> supply(ProviderContext context, Callable<T> work) {
    CompletableFuture<T> out = new CompletableFuture<>();
    try {
      context.scheduler().executeBlocking(() -> {
        try {
          out.complete(work.call());
        } catch (Throwable t) {
          out.completeExceptionally(contractError(context, t));
        }
      });
    } catch (RuntimeException rejected) {
      out.completeExceptionally(context.unavailable("the runtime is shutting down", rejected));
    }
    return out;
  }

  /** {@code t} as the contract reports it. */
  public static CapabilityException contractError(ProviderContext context, Throwable t) {
    Throwable e = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (e instanceof CapabilityException ce) return ce;
    return context.unavailable(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
  }

  /** {@code future} with its failure mapped by {@link #contractError}. */
  public static <T> CompletableFuture<T> mapped(ProviderContext context, java.util.concurrent.CompletionStage<T> future) {
    CompletableFuture<T> out = new CompletableFuture<>();
    future.whenComplete((v, e) -> {
      if (e != null) out.completeExceptionally(contractError(context, e));
      else out.complete(v);
    });
    return out;
  }
}
