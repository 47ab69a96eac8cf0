package dev.cairn.providers;

import dev.cairn.core.CairnException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for provider futures in tests, surfacing the contract error itself. */
public final class Await {
  private Await() {}

  public static <T> T of(CompletableFuture<T> f) {
    try {
      return f.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The code of the error {@code f} fails with. */
  public static String errorCode(CompletableFuture<?> f) {
    try {
      of(f);
    } catch (CairnException e) {
      return e.code();
    }
    throw new AssertionError("expected the call to fail");
  }
}
