package dev.cairn.core.capability;

import java.util.concurrent.CompletableFuture;

/**
 * The {@code messaging} contract: subjects, publish, request/reply and subscriptions.
 *
 * <p>Subjects are NATS-style: tokens separated by {@code .}; in a subscription pattern {@code *}
 * matches one token and {@code >} (last token only) one or more. Providers translate to their broker
 * (AMQP topic {@code #}, MQTT {@code /}, {@code +}, {@code #}).
 *
 * <p>Semantics every provider keeps:
 *
 * <ul>
 *   <li><b>Publish</b> completes once the provider has accepted the message (handed to the broker;
 *       for {@code amqp} confirmed by it). No transactions; no deduplication.
 *   <li><b>Order.</b> Messages from one publisher on one subject reach one subscription in publish
 *       order, as long as none is redelivered.
 *   <li><b>Delivery: at least once.</b> A subscription's handler sees each message published on a
 *       matching subject while the subscription is active, until the handler's future completes
 *       normally (that is the ack). If it completes exceptionally the message is not acked:
 *       providers whose broker redelivers ({@code amqp}, {@code mqtt} QoS 1) hand it back; the
 *       runtime's subscription layer above every provider retries failed messages with backoff and
 *       dead-letters them after the retry limit, so it always acks eventually. A message may
 *       therefore be seen more than once; handlers must be idempotent.
 *   <li><b>Groups.</b> Subscriptions with the same non-empty group share the messages (each goes to
 *       one of them): this is how several contexts or nodes of one service split the work.
 *   <li><b>Request/reply</b> publishes with a reply subject and completes with the first reply, or
 *       fails with {@code capability_timeout} or {@code capability_no_responders}.
 * </ul>
 */
public interface MessageBus extends CapabilityProvider {
  /** The bounds this provider was opened with (within what it can hold); the runtime checks calls against them. */
  MessagingLimits limits();

  CompletableFuture<Void> publish(Message message);

  CompletableFuture<Message> request(Message message, long timeoutMs);

  /** Starts delivering messages whose subject matches {@code pattern}; the returned handle stops it. */
  Subscription subscribe(String pattern, String group, Handler handler);

  /** Receives one message; the future's normal completion acks it. */
  @FunctionalInterface
  interface Handler {
    CompletableFuture<Void> deliver(Message message);
  }

  /** An active subscription. */
  interface Subscription extends AutoCloseable {
    /** Stops deliveries; messages being handled finish. */
    @Override
    void close();
  }
}
