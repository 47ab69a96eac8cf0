package dev.cairn.providers.messaging;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Message;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.providers.ProviderContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests waiting for their reply, for providers that implement request/reply themselves: each
 * request gets an inbox name {@code <prefix><n>}, a timer from the Scheduler, and completes with the
 * first reply delivered to that name (later replies are dropped).
 */
final class Inboxes {
  private final ProviderContext context;
  private final String prefix;
  private final AtomicLong next = new AtomicLong();
  private final Map<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();

  Inboxes(ProviderContext context, String prefix) {
    this.context = context;
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /** A new inbox and the future its reply completes; fails with {@code capability_timeout} after {@code timeoutMs}. */
  Waiting open(String subject, long timeoutMs) {
    String inbox = prefix + next.incrementAndGet();
    CompletableFuture<Message> reply = new CompletableFuture<>();
    waiting.put(inbox, reply);
    Cancellable timer = context.scheduler().schedule(timeoutMs,
        () -> reply.completeExceptionally(CapabilityException.timeout(context.capability(), "request on " + subject, timeoutMs)));
    reply.whenComplete((m, e) -> {
      timer.cancel();
      waiting.remove(inbox);
    });
    return new Waiting(inbox, reply);
  }

  /** True when {@code subject} was an inbox of a waiting request (the reply is taken). */
  boolean deliver(String subject, Message reply) {
    CompletableFuture<Message> f = waiting.get(subject);
    if (f == null) return subject.startsWith(prefix);
    f.complete(reply);
    return true;
  }

  /** Fails the request waiting on {@code inbox}, if any (say, the broker returned it as unroutable). */
  void fail(String inbox, CapabilityException e) {
    CompletableFuture<Message> f = waiting.get(inbox);
    if (f != null) f.completeExceptionally(e);
  }

  void failAll(CapabilityException e) {
    waiting.values().forEach(f -> f.completeExceptionally(e));
  }

  record Waiting(String inbox, CompletableFuture<Message> reply) {}
}
