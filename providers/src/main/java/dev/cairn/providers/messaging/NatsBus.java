package dev.cairn.providers.messaging;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.capability.MessagingLimits;
import dev.cairn.providers.Blocking;
import dev.cairn.providers.ProviderContext;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code messaging} provider {@code nats} (the official jnats client, core NATS). Subjects are
 * NATS subjects as they are; groups are NATS queue groups; request/reply is NATS's own (with its
 * "no responders" answer). Core NATS keeps no messages: delivery is at least once only while the
 * subscription is connected, and the runtime's redelivery covers handler failures.
 */
public final class NatsBus implements MessageBus {
  static final Set<String> SETTINGS = Set.of("url", "connectTimeoutMs", "bodyBytesMax");
  static final String URL_DEFAULT = "nats://127.0.0.1:4222";

  private final ProviderContext context;
  private final Connection nats;
  private final MessagingLimits limits;

  private NatsBus(ProviderContext context, Connection nats, MessagingLimits limits) {
    this.context = context;
    this.nats = nats;
    this.limits = limits;
  }

  public static MessageBus open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    URI url = context.url(URL_DEFAULT, List.of("nats"));
    Options options = new Options.Builder()
        .server(url.toString())
        .connectionName("cairn-" + context.capability())
        .connectionTimeout(Duration.ofMillis(context.integer("connectTimeoutMs", 5_000, 100, 60_000)))
        .maxReconnects(-1)
        .reconnectWait(Duration.ofMillis(500))
        .reportNoResponders()
        .build();
    Connection nats;
    try {
      nats = Nats.connect(options);
    } catch (java.io.IOException e) {
      throw context.unavailable("cannot connect to " + url.getHost() + ":" + (url.getPort() < 0 ? 4222 : url.getPort()) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw context.unavailable("interrupted while connecting", e);
    }
    long serverMax = nats.getServerInfo().getMaxPayload();
    long body;
    try {
      body = context.bytes("bodyBytesMax", MessagingLimits.BODY_BYTES_MAX_DEFAULT, serverMax);
    } catch (CapabilityException e) {
      closeQuietly(nats);
      throw e;
    }
    return new NatsBus(context, nats, MessagingLimits.DEFAULTS.withBodyBytesMax(body));
  }

  @Override
  public MessagingLimits limits() {
    return limits;
  }

  @Override
  public CompletableFuture<Void> publish(Message m) {
    if (nats.getStatus() != Connection.Status.CONNECTED) return CompletableFuture.failedFuture(down());
    try {
      nats.publish(m.subject(), m.replyTo().isEmpty() ? null : m.replyTo(), headers(m.headers()), m.body());
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(Blocking.contractError(context, e));
    }
  }

  @Override
  public CompletableFuture<Message> request(Message m, long timeoutMs) {
    if (nats.getStatus() != Connection.Status.CONNECTED) return CompletableFuture.failedFuture(down());
    CompletableFuture<Message> out = new CompletableFuture<>();
    nats.requestWithTimeout(m.subject(), headers(m.headers()), m.body(), Duration.ofMillis(timeoutMs)).whenComplete((reply, e) -> {
      if (e == null && reply.isStatusMessage() && reply.getStatus().getCode() == 503) {
        out.completeExceptionally(CapabilityException.noResponders(context.capability(), m.subject()));
      } else if (e == null) {
        out.complete(message(reply));
      } else if (String.valueOf(e.getMessage()).contains("No Responders") || String.valueOf(e.getMessage()).contains("503")) {
        out.completeExceptionally(CapabilityException.noResponders(context.capability(), m.subject()));
      } else if (e instanceof java.util.concurrent.CancellationException || e instanceof java.util.concurrent.TimeoutException
          || e.getCause() instanceof java.util.concurrent.TimeoutException) {
        out.completeExceptionally(CapabilityException.timeout(context.capability(), "request on " + m.subject(), timeoutMs));
      } else {
        out.completeExceptionally(Blocking.contractError(context, e));
      }
    });
    return out;
  }

  @Override
  public Subscription subscribe(String pattern, String group, Handler handler) {
    Dispatcher dispatcher = nats.createDispatcher();
    io.nats.client.MessageHandler onMessage = msg -> {
      try {
        handler.deliver(message(msg));
      } catch (RuntimeException e) {
        // the runtime's handler never throws; nothing to ack in core NATS either way
      }
    };
    if (group.isEmpty()) dispatcher.subscribe(pattern, onMessage);
    else dispatcher.subscribe(pattern, group, onMessage);
    return () -> nats.closeDispatcher(dispatcher);
  }

  private static Message message(io.nats.client.Message msg) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (msg.getHeaders() != null) {
      for (String name : msg.getHeaders().keySet()) headers.put(name.toLowerCase(java.util.Locale.ROOT), msg.getHeaders().getFirst(name));
    }
    return new Message(msg.getSubject(), msg.getData() == null ? new byte[0] : msg.getData(), headers,
        msg.getReplyTo() == null ? "" : msg.getReplyTo());
  }

  private static Headers headers(Map<String, String> headers) {
    if (headers.isEmpty()) return null;
    Headers h = new Headers();
    headers.forEach(h::add);
    return h;
  }

  private CapabilityException down() {
    return context.unavailable("not connected to NATS (" + nats.getStatus() + ")", null);
  }

  @Override
  public CompletableFuture<Void> health() {
    if (nats.getStatus() != Connection.Status.CONNECTED) return CompletableFuture.failedFuture(down());
    return Blocking.supply(context, () -> {
      nats.RTT();
      return null;
    });
  }

  @Override
  public void close() {
    closeQuietly(nats);
  }

  private static void closeQuietly(Connection nats) {
    try {
      nats.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
