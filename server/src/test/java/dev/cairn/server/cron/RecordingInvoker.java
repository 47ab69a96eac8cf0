package dev.cairn.server.cron;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link ScheduledInvoker} that writes down each call and answers as told. */
final class RecordingInvoker implements ScheduledInvoker {
  /** One call: which handler, for which slot, and when (virtual) it actually ran. */
  record Fire(String service, String cron, String scheduled, String at) {}

  enum Outcome { SUCCEED, FAIL, THROW, HANG }

  private final VirtualTime time;
  private final List<Fire> fires = new ArrayList<>();
  private final List<CompletableFuture<Void>> hanging = new ArrayList<>();
  private Outcome outcome = Outcome.SUCCEED;

  RecordingInvoker(VirtualTime time) {
    this.time = time;
  }

  void answer(Outcome outcome) {
    this.outcome = outcome;
  }

  List<Fire> fires() {
    return fires;
  }

  /** Completes the handlers left hanging. */
  void finishHanging() {
    hanging.forEach(future -> future.complete(null));
    hanging.clear();
  }

  @Override
  public CompletableFuture<Void> scheduled(String service, String cron, long scheduledTimeMs) {
    fires.add(new Fire(service, cron, Instant.ofEpochMilli(scheduledTimeMs).toString(), Instant.ofEpochMilli(time.nowMs()).toString()));
    return switch (outcome) {
      case SUCCEED -> CompletableFuture.completedFuture(null);
      case FAIL -> CompletableFuture.failedFuture(new RuntimeException("handler failed"));
      case THROW -> throw new IllegalStateException("invoker blew up");
      case HANG -> {
        CompletableFuture<Void> future = new CompletableFuture<>();
        hanging.add(future);
        yield future;
      }
    };
  }
}
