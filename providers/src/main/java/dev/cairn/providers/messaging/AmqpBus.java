package dev.cairn.providers.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.capability.MessagingLimits;
import dev.cairn.providers.Blocking;
import dev.cairn.providers.ProviderContext;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code messaging} provider {@code amqp} (RabbitMQ's Java client). Subjects are routing keys on a
 * durable topic exchange ({@code exchange}, default {@code cairn.messaging}; {@code >} becomes
 * {@code #}). Publishes are confirmed by the broker before their future completes. A grouped
 * subscription is a durable queue {@code cairn.<group>}, so messages published while the service is
 * down wait for it; deliveries are acked only when the handler's future completes (nacked and
 * requeued when it fails), so a crash redelivers. Request/reply uses a private reply queue bound to
 * {@code _INBOX.<bus>.*} and the {@code mandatory} flag: an unroutable request means no responders.
 */
public final class AmqpBus implements MessageBus {
  static final Set<String> SETTINGS = Set.of("url", "exchange", "prefetch", "connectTimeoutMs", "bodyBytesMax");
  static final String URL_DEFAULT = "amqp://guest:guest@127.0.0.1:5672";
  /** RabbitMQ's default max_message_size. */
  static final long BODY_BYTES_HARD_MAX = 128L << 20;
  private static final AtomicLong BUSES = new AtomicLong();

  private final ProviderContext context;
  private final Connection connection;
  private final Channel publisher;
  private final Channel replies;
  private final String exchange;
  private final int prefetch;
  private final MessagingLimits limits;
  private final Inboxes inboxes;
  private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();

  private AmqpBus(ProviderContext context, Connection connection, String exchange, int prefetch, MessagingLimits limits) throws IOException {
    this.context = context;
    this.connection = connection;
    this.exchange = exchange;
    this.prefetch = prefetch;
    this.limits = limits;
    this.inboxes = new Inboxes(context, "_INBOX.amqp" + ProcessHandle.current().pid() + "x" + context.clock().nowMs() + "x"
        + BUSES.incrementAndGet() + ".");
    this.publisher = connection.createChannel();
    publisher.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    publisher.confirmSelect();
    publisher.addConfirmListener((tag, multiple) -> confirm(tag, multiple, null),
        (tag, multiple) -> confirm(tag, multiple, context.unavailable("the broker refused the message (nack)", null)));
    this.replies = connection.createChannel();
    String replyQueue = replies.queueDeclare().getQueue();
    replies.queueBind(replyQueue, exchange, inboxes.prefix() + "*");
    replies.basicConsume(replyQueue, true, (tag, d) -> inboxes.deliver(d.getEnvelope().getRoutingKey(), message(d)), tag -> {});
    replies.addReturnListener(r -> {
      String inbox = r.getProperties().getReplyTo();
      if (inbox != null) {
        inboxes.fail(inbox, CapabilityException.noResponders(context.capability(), r.getRoutingKey()));
      }
    });
  }

  public static MessageBus open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    URI url = context.url(URL_DEFAULT, List.of("amqp", "amqps"));
    long body = context.bytes("bodyBytesMax", MessagingLimits.BODY_BYTES_MAX_DEFAULT, BODY_BYTES_HARD_MAX);
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(url);
    } catch (Exception e) {
      throw CapabilityException.badConfig(context.capability(), context.provider(), "url", e.getMessage());
    }
    factory.setConnectionTimeout(context.integer("connectTimeoutMs", 5_000, 100, 60_000));
    factory.setAutomaticRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(1_000);
    String exchange = context.string("exchange", "cairn.messaging");
    int prefetch = context.integer("prefetch", 256, 1, 65_535);
    Connection connection;
    try {
      connection = factory.newConnection("cairn-" + context.capability());
    } catch (Exception e) {
      throw context.unavailable("cannot connect to " + url.getHost() + ":" + (url.getPort() < 0 ? 5672 : url.getPort()) + ": " + e.getMessage(), e);
    }
    try {
      return new AmqpBus(context, connection, exchange, prefetch, MessagingLimits.DEFAULTS.withBodyBytesMax(body));
    } catch (IOException e) {
      closeQuietly(connection);
      throw context.unavailable("cannot set up exchange " + exchange + ": " + e.getMessage(), e);
    }
  }

  @Override
  public MessagingLimits limits() {
    return limits;
  }

  /**
   * NATS-style pattern to AMQP topic binding. AMQP's {@code #} matches zero words too ({@code a.#}
   * takes {@code a}), the contract's {@code >} one or more: so {@code a.>} binds {@code a.*.#}.
   */
  static String routingPattern(String pattern) {
    return pattern.endsWith(">") ? pattern.substring(0, pattern.length() - 1) + "*.#" : pattern;
  }

  @Override
  public CompletableFuture<Void> publish(Message m) {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    try {
      synchronized (publisher) {
        long tag = publisher.getNextPublishSeqNo();
        unconfirmed.put(tag, confirmed);
        publisher.basicPublish(exchange, m.subject(), false, properties(m), m.body());
      }
    } catch (IOException | RuntimeException e) {
      confirmed.completeExceptionally(Blocking.contractError(context, e));
    }
    return confirmed;
  }

  private void confirm(long tag, boolean multiple, CapabilityException nack) {
    var done = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
    for (var f : done.values()) {
      if (nack == null) f.complete(null);
      else f.completeExceptionally(nack);
    }
    done.clear();
  }

  @Override
  public CompletableFuture<Message> request(Message m, long timeoutMs) {
    Inboxes.Waiting w = inboxes.open(m.subject(), timeoutMs);
    try {
      synchronized (replies) {
        replies.basicPublish(exchange, m.subject(), true, properties(m.withReplyTo(w.inbox())), m.body());
      }
    } catch (IOException | RuntimeException e) {
      w.reply().completeExceptionally(Blocking.contractError(context, e));
    }
    return w.reply();
  }

  @Override
  public Subscription subscribe(String pattern, String group, Handler handler) {
    try {
      Channel ch = connection.createChannel();
      ch.basicQos(prefetch);
      String queue = group.isEmpty() ? ch.queueDeclare().getQueue() : ch.queueDeclare("cairn." + group, true, false, false, null).getQueue();
      ch.queueBind(queue, exchange, routingPattern(pattern));
      String consumer = ch.basicConsume(queue, false, (tag, d) -> {
        long deliveryTag = d.getEnvelope().getDeliveryTag();
        CompletableFuture<Void> acked;
        try {
          acked = handler.deliver(message(d));
        } catch (RuntimeException e) {
          acked = CompletableFuture.failedFuture(e);
        }
        acked.whenComplete((v, e) -> settle(ch, deliveryTag, e == null));
      }, tag -> {});
      return () -> {
        try {
          ch.basicCancel(consumer);
          ch.close();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
          // already closed with its connection
        }
      };
    } catch (IOException e) {
      throw context.unavailable("cannot subscribe to " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static void settle(Channel ch, long tag, boolean ok) {
    try {
      synchronized (ch) {
        if (ok) ch.basicAck(tag, false);
        else ch.basicNack(tag, false, true);
      }
    } catch (IOException | RuntimeException e) {
      // the channel closed: the broker redelivers what was not acked
    }
  }

  private static AMQP.BasicProperties properties(Message m) {
    Map<String, Object> headers = new LinkedHashMap<>(m.headers());
    return new AMQP.BasicProperties.Builder()
        .contentType(m.headers().get("content-type"))
        .headers(headers)
        .replyTo(m.replyTo().isEmpty() ? null : m.replyTo())
        .deliveryMode(2)
        .build();
  }

  private static Message message(Delivery d) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (d.getProperties().getHeaders() != null) {
      d.getProperties().getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.valueOf(v)));
    }
    if (d.getProperties().getContentType() != null) headers.put("content-type", d.getProperties().getContentType());
    String reply = d.getProperties().getReplyTo();
    return new Message(d.getEnvelope().getRoutingKey(), d.getBody(), headers, reply == null ? "" : reply);
  }

  @Override
  public CompletableFuture<Void> health() {
    if (!connection.isOpen() || !publisher.isOpen()) {
      return CompletableFuture.failedFuture(context.unavailable("the connection to RabbitMQ is closed", null));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    inboxes.failAll(context.unavailable("closed", null));
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close(2_000);
    } catch (IOException | RuntimeException e) {
      // closing anyway
    }
  }
}
