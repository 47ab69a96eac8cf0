package dev.cairn.server.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.InvocationIds;
import dev.cairn.core.Json;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.manifest.SubscriptionSpec;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.JournalJson;
import dev.cairn.js.ServiceRuntime;
import dev.cairn.server.RequestLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One service's subscription to one messaging capability: takes messages from the linked provider,
 * hands them to the service's {@code message} handler in batches, and acks each message to the
 * provider only once it is done with — handled, or dead-lettered.
 *
 * <p>A message the handler retries ({@code msg.retry()}), or that was in a batch whose handler threw,
 * is handed again after a backoff ({@code retryDelayMs}, doubling up to {@code retryDelayMsMax}, or
 * the handler's own {@code delaySeconds}); after {@code retriesMax} retries it is published to the
 * dead-letter subject with headers saying why, and logged. Never a hot loop: every retry waits.
 * At most {@link #PENDING_MESSAGES_MAX} messages are held (queued, waiting to retry or being
 * handled); beyond that the provider is told no (it redelivers where it can, and it is logged).
 * On a relink the new provider is subscribed before the old subscription closes.
 */
final class SubscriptionDispatcher implements AutoCloseable {
  static final int PENDING_MESSAGES_MAX = 1_000;
  static final int BATCHES_IN_FLIGHT_MAX = 4;

  private final String app;
  private final String service;
  private final SubscriptionSpec spec;
  private final Link link;
  private final Ports ports;
  private final RequestLog log;
  private final Supplier<ServiceRuntime> runtime;
  private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
  private final Map<Link.Generation, MessageBus.Subscription> active = new HashMap<>();
  private final java.util.function.Consumer<Link.Generation> swapListener = this::subscribeTo;
  private int pending;
  private int batchesInFlight;
  private boolean closed;

  private record Delivery(String id, Message message, long timestampMs, int attempts, CompletableFuture<Void> done) {
    Delivery again() {
      return new Delivery(id, message, timestampMs, attempts + 1, done);
    }
  }

  SubscriptionDispatcher(String app, String service, SubscriptionSpec spec, Link link, Ports ports, RequestLog log,
      Supplier<ServiceRuntime> runtime) {
    this.app = app;
    this.service = service;
    this.spec = spec;
    this.link = link;
    this.ports = ports;
    this.log = log;
    this.runtime = runtime;
  }

  void start() {
    link.onSwap(swapListener);
    subscribeTo(link.current());
  }

  /** Subscribes on {@code g} (once), then closes the subscriptions on earlier generations. */
  private synchronized void subscribeTo(Link.Generation g) {
    if (closed) return;
    if (g != null && !active.containsKey(g)) {
      if (!g.connected()) return; // subscribed when it connects
      try {
        MessageBus bus = (MessageBus) g.provider();
        active.put(g, bus.subscribe(spec.subject(), app + "." + service + "." + spec.capability(), m -> deliver(g, m)));
      } catch (RuntimeException e) {
        log.error(service, "-", "subscription_failed", "subscribe " + spec.subject() + " on " + spec.capability() + ": " + e.getMessage(), "");
        return;
      }
    }
    for (var it = active.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey() != g) {
        e.getValue().close();
        it.remove();
      }
    }
  }

  private CompletableFuture<Void> deliver(Link.Generation from, Message m) {
    Delivery d;
    synchronized (this) {
      if (closed || pending >= PENDING_MESSAGES_MAX) {
        log.error(service, "-", "subscription_overflow", "subscription " + spec.capability() + " " + spec.subject()
            + " holds " + PENDING_MESSAGES_MAX + " messages (the limit); the provider keeps or drops this one as its delivery allows", "");
        return CompletableFuture.failedFuture(new IllegalStateException("subscription full"));
      }
      pending++;
      from.hold(); // the provider acks on its own connection: keep it open until this message is done
      d = new Delivery(InvocationIds.next(ports.clock(), ports.entropy()), m, ports.clock().nowMs(), 1, new CompletableFuture<>());
      ready.add(d);
    }
    d.done().whenComplete((v, e) -> {
      synchronized (this) {
        pending--;
      }
      from.release();
    });
    pump();
    return d.done();
  }

  private void pump() {
    List<Delivery> batch;
    synchronized (this) {
      if (closed || batchesInFlight >= BATCHES_IN_FLIGHT_MAX || ready.isEmpty()) return;
      batch = new ArrayList<>();
      while (batch.size() < spec.batchMessagesMax() && !ready.isEmpty()) batch.add(ready.poll());
      batchesInFlight++;
    }
    ServiceRuntime target = runtime.get();
    String id = InvocationIds.next(ports.clock(), ports.entropy());
    CompletableFuture<String> ran;
    try {
      ran = target.message(id, batchJson(batch, Integer.MAX_VALUE), batchJson(batch, JournalJson.BODY_BYTES_MAX).getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      ran = CompletableFuture.failedFuture(e);
    }
    ran.whenComplete((decisions, error) -> {
      synchronized (this) {
        batchesInFlight--;
      }
      if (error != null) {
        for (Delivery d : batch) retry(d, 0, "the message handler failed: " + describe(error));
      } else {
        settle(batch, Replies.parse(spec.capability(), decisions));
      }
      pump();
    });
    pump(); // more batches may start while this one runs
  }

  private void settle(List<Delivery> batch, JsonNode decisions) {
    Map<String, Delivery> byId = new LinkedHashMap<>();
    for (Delivery d : batch) byId.put(d.id(), d);
    for (JsonNode id : decisions.path("acks")) {
      Delivery d = byId.remove(id.asText());
      if (d != null) d.done().complete(null);
    }
    for (JsonNode r : decisions.path("retries")) {
      Delivery d = byId.remove(r.path("id").asText());
      if (d != null) retry(d, r.path("delaySeconds").asLong(), "the handler asked for a retry");
    }
    for (Delivery d : byId.values()) d.done().complete(null); // not named: acked, as on success
  }

  private void retry(Delivery d, long delaySeconds, String why) {
    if (d.attempts() > spec.retriesMax()) {
      deadLetter(d, why);
      return;
    }
    long backoff = Math.min(spec.retryDelayMsMax(), spec.retryDelayMs() << Math.min(d.attempts() - 1, 30));
    long delayMs = delaySeconds > 0 ? Math.min(delaySeconds * 1000, 12L * 3600 * 1000) : backoff;
    ports.scheduler().schedule(delayMs, () -> {
      synchronized (this) {
        if (closed) {
          d.done().completeExceptionally(new IllegalStateException("the subscription was closed"));
          return;
        }
        ready.add(d.again());
      }
      pump();
    });
  }

  private void deadLetter(Delivery d, String why) {
    String subject = spec.deadLetterFor(app, service);
    Map<String, String> headers = new LinkedHashMap<>(d.message().headers());
    headers.put("cairn-dead-letter-reason", why);
    headers.put("cairn-original-subject", d.message().subject());
    headers.put("cairn-attempts", Integer.toString(d.attempts()));
    log.error(service, d.id(), "message_dead_lettered", "message on " + d.message().subject() + " failed " + d.attempts()
        + " times (" + why + "); published to " + subject, "");
    CompletableFuture<Void> published;
    Link.Generation g = null;
    try {
      g = link.acquire();
      published = ((MessageBus) g.provider()).publish(new Message(subject, d.message().body(), headers, ""));
    } catch (RuntimeException e) {
      published = CompletableFuture.failedFuture(e);
    }
    Link.Generation held = g;
    published.whenComplete((v, e) -> {
      if (held != null) held.release();
      if (e == null) {
        d.done().complete(null);
      } else {
        log.error(service, d.id(), "dead_letter_failed", "could not publish to " + subject + ": " + describe(e) + "; trying again in "
            + spec.retryDelayMsMax() + " ms", "");
        ports.scheduler().schedule(spec.retryDelayMsMax(), () -> deadLetter(d, why));
      }
    });
  }

  /** {@code {"queue":..,"messages":[{"id","subject","timestamp","attempts","replyTo","headers",body}]}}; bodies cut at {@code bodyBytesMax}. */
  private String batchJson(List<Delivery> batch, int bodyBytesMax) {
    StringBuilder b = new StringBuilder(256).append("{\"queue\":").append(Json.quote(spec.capability())).append(",\"messages\":[");
    for (int i = 0; i < batch.size(); i++) {
      Delivery d = batch.get(i);
      if (i > 0) b.append(',');
      StringBuilder m = new StringBuilder(128).append("{\"id\":").append(Json.quote(d.id()))
          .append(",\"subject\":").append(Json.quote(d.message().subject()))
          .append(",\"timestamp\":").append(d.timestampMs())
          .append(",\"attempts\":").append(d.attempts())
          .append(",\"replyTo\":").append(Json.quote(d.message().replyTo()))
          .append(",\"headers\":[");
      int n = 0;
      for (var h : d.message().headers().entrySet()) {
        if (n++ > 0) m.append(',');
        m.append('[').append(Json.quote(h.getKey())).append(',').append(Json.quote(h.getValue())).append(']');
      }
      m.append("]}");
      b.append(new String(JournalJson.withBody(m.toString().getBytes(StandardCharsets.UTF_8), d.message().body(), bodyBytesMax), StandardCharsets.UTF_8));
    }
    return b.append("]}").toString();
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return t instanceof dev.cairn.core.CairnException ce ? ce.code() + ": " + ce.getMessage() : String.valueOf(t.getMessage());
  }

  /**
   * Takes no new messages (a newer version of the app subscribes instead) but goes on handling, and
   * retrying, those it already holds, so a reload loses none of them.
   */
  synchronized void stop() {
    link.removeSwapListener(swapListener);
    active.values().forEach(MessageBus.Subscription::close);
    active.clear();
  }

  @Override
  public synchronized void close() {
    closed = true;
    link.removeSwapListener(swapListener);
    active.values().forEach(MessageBus.Subscription::close);
    active.clear();
    for (Delivery d : ready) d.done().completeExceptionally(new IllegalStateException("the subscription was closed"));
    ready.clear();
  }
}
