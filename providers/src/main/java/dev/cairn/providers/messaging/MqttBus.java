package dev.cairn.providers.messaging;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.capability.MessagingLimits;
import dev.cairn.core.capability.Subjects;
import dev.cairn.providers.ProviderContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * {@code messaging} provider {@code mqtt} (Eclipse Paho, MQTT 5, QoS 1). Subjects map to topics
 * ({@code a.b} is {@code a/b}, {@code *} is {@code +}, {@code >} is {@code #}); a subject token may
 * not hold {@code /}, {@code +} or {@code #}. A group is a shared subscription
 * ({@code $share/<group>/...}). Each subscription has a client connection of its own, so a message
 * belongs to exactly one subscription, and acks (manual, QoS 1) go back only when the handler's
 * future completes. Request/reply uses MQTT 5's response topic, on the publishing connection's
 * inbox {@code _INBOX/<bus>/<n>}; MQTT has no "no responders", so an unanswered request times out.
 */
public final class MqttBus implements MessageBus {
  static final Set<String> SETTINGS = Set.of("url", "connectTimeoutMs", "bodyBytesMax");
  static final String URL_DEFAULT = "tcp://127.0.0.1:1883";
  /** MQTT's largest packet (a four-byte remaining length). */
  static final long BODY_BYTES_HARD_MAX = 268_435_455L - 65_536;
  static final int QOS = 1;
  private static final AtomicLong CLIENTS = new AtomicLong();

  private final ProviderContext context;
  private final String serverUri;
  private final int connectTimeoutMs;
  private final MqttAsyncClient publisher;
  private final MessagingLimits limits;
  private final Inboxes inboxes;
  private final List<MqttAsyncClient> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private MqttBus(ProviderContext context, String serverUri, int connectTimeoutMs, MessagingLimits limits) {
    this.context = context;
    this.serverUri = serverUri;
    this.connectTimeoutMs = connectTimeoutMs;
    this.limits = limits;
    String bus = "mqtt" + ProcessHandle.current().pid() + "x" + context.clock().nowMs() + "x" + CLIENTS.incrementAndGet();
    this.inboxes = new Inboxes(context, "_INBOX." + bus + ".");
    this.publisher = connect((topic, m) -> inboxes.deliver(subject(topic), message(topic, m)));
    try {
      publisher.subscribe(topic(inboxes.prefix() + "*"), QOS).waitForCompletion(connectTimeoutMs);
    } catch (MqttException e) {
      closeQuietly(publisher);
      throw context.unavailable("cannot subscribe to the reply inbox: " + e.getMessage(), e);
    }
  }

  public static MessageBus open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    URI url = context.url(URL_DEFAULT, List.of("tcp", "mqtt"));
    long body = context.bytes("bodyBytesMax", MessagingLimits.BODY_BYTES_MAX_DEFAULT, BODY_BYTES_HARD_MAX);
    String server = "tcp://" + url.getHost() + ":" + (url.getPort() < 0 ? 1883 : url.getPort());
    return new MqttBus(context, server, context.integer("connectTimeoutMs", 5_000, 100, 60_000), MessagingLimits.DEFAULTS.withBodyBytesMax(body));
  }

  @Override
  public MessagingLimits limits() {
    return limits;
  }

  /** Receives one message on one client connection. */
  @FunctionalInterface
  private interface Arrival {
    void arrived(String topic, MqttMessage message);
  }

  private MqttAsyncClient connect(Arrival arrival) {
    String id = "cairn-" + context.capability() + "-" + ProcessHandle.current().pid() + "-" + CLIENTS.incrementAndGet();
    try {
      MqttAsyncClient client = new MqttAsyncClient(serverUri, id, new MemoryPersistence());
      client.setManualAcks(true);
      client.setCallback(new MqttCallback() {
        @Override public void disconnected(MqttDisconnectResponse response) {}
        @Override public void mqttErrorOccurred(MqttException exception) {}
        @Override public void messageArrived(String topic, MqttMessage message) {
          arrival.arrived(topic, message);
        }
        @Override public void deliveryComplete(IMqttToken token) {}
        @Override public void connectComplete(boolean reconnect, String serverURI) {}
        @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
      });
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setAutomaticReconnect(true);
      options.setConnectionTimeout(Math.max(1, connectTimeoutMs / 1000));
      client.connect(options).waitForCompletion(connectTimeoutMs);
      return client;
    } catch (MqttException e) {
      throw context.unavailable("cannot connect to " + serverUri + ": " + e.getMessage(), e);
    }
  }

  /** Subject to topic: the check keeps MQTT's own characters out of tokens. */
  static String topic(String subject) {
    if (subject.contains("/") || subject.contains("+") || subject.contains("#")) {
      throw new IllegalArgumentException(subject);
    }
    String t = subject.replace('.', '/').replace('*', '+');
    return t.endsWith(">") ? t.substring(0, t.length() - 1) + "#" : t;
  }

  static String subject(String topic) {
    return topic.replace('/', '.');
  }

  private String checkedTopic(String subject) {
    try {
      return topic(subject);
    } catch (IllegalArgumentException e) {
      throw CapabilityException.keyInvalid(context.capability(), "subject", "\"" + subject + "\" holds /, + or #, which MQTT topics reserve");
    }
  }

  /**
   * Publishes wait here while {@link #PUBLISHES_IN_FLIGHT_MAX} are unacknowledged (Paho refuses more
   * than the broker's receive maximum); past {@code pendingPublishesMax} a publish fails at once.
   */
  @Override
  public CompletableFuture<Void> publish(Message m) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    String topic;
    MqttMessage msg;
    try {
      topic = checkedTopic(m.subject());
      msg = mqttMessage(m);
    } catch (CapabilityException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (pending) {
      if (pending.size() >= PENDING_PUBLISHES_MAX) {
        return CompletableFuture.failedFuture(CapabilityException.overloaded(context.capability(), "pendingPublishesMax", PENDING_PUBLISHES_MAX));
      }
      pending.add(new Pending(topic, msg, done));
    }
    sendPending();
    return done;
  }

  static final int PUBLISHES_IN_FLIGHT_MAX = 10;
  static final int PENDING_PUBLISHES_MAX = 10_000;

  private record Pending(String topic, MqttMessage message, CompletableFuture<Void> done) {}

  private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
  private int inFlight; // guarded by pending
  private boolean sending; // guarded by pending: one thread at a time hands messages to Paho

  /**
   * Hands queued messages to Paho in queue order. Only one thread does so at a time: a caller's
   * publish and an acknowledgement's callback both come here, and when each took one message and
   * passed it on by itself, two messages could overtake each other between the queue and Paho
   * (seen: m13 before m12 in the contract test). The sender stops, under the lock, only when the
   * queue is empty or the window full; whoever queues after that becomes the next sender.
   */
  private void sendPending() {
    synchronized (pending) {
      if (sending) return;
      sending = true;
    }
    for (;;) {
      Pending p;
      synchronized (pending) {
        if (inFlight >= PUBLISHES_IN_FLIGHT_MAX || pending.isEmpty()) {
          sending = false;
          return;
        }
        p = pending.poll();
        inFlight++;
      }
      try {
        publisher.publish(p.topic(), p.message(), null, new MqttActionListener() {
          @Override public void onSuccess(IMqttToken token) {
            released();
            p.done().complete(null);
          }

          @Override public void onFailure(IMqttToken token, Throwable e) {
            released();
            p.done().completeExceptionally(context.unavailable("publish failed: " + e.getMessage(), e));
          }
        });
      } catch (MqttException | RuntimeException e) {
        synchronized (pending) {
          inFlight--;
        }
        p.done().completeExceptionally(context.unavailable("publish failed: " + e.getMessage(), e));
      }
    }
  }

  private void released() {
    synchronized (pending) {
      inFlight--;
    }
    sendPending();
  }

  private MqttMessage mqttMessage(Message m) {
    MqttMessage msg = new MqttMessage(m.body());
    msg.setQos(QOS);
    MqttProperties props = new MqttProperties();
    List<UserProperty> user = new ArrayList<>();
    m.headers().forEach((k, v) -> {
      if (k.equals("content-type")) props.setContentType(v);
      else user.add(new UserProperty(k, v));
    });
    if (!user.isEmpty()) props.setUserProperties(user);
    if (!m.replyTo().isEmpty()) props.setResponseTopic(checkedTopic(m.replyTo()));
    msg.setProperties(props);
    return msg;
  }

  private static Message message(String topic, MqttMessage m) {
    Map<String, String> headers = new LinkedHashMap<>();
    MqttProperties p = m.getProperties();
    String reply = "";
    if (p != null) {
      if (p.getUserProperties() != null) for (UserProperty u : p.getUserProperties()) headers.put(u.getKey().toLowerCase(java.util.Locale.ROOT), u.getValue());
      if (p.getContentType() != null) headers.put("content-type", p.getContentType());
      if (p.getResponseTopic() != null) reply = subject(p.getResponseTopic());
    }
    return new Message(subject(topic), m.getPayload(), headers, reply);
  }

  @Override
  public CompletableFuture<Message> request(Message m, long timeoutMs) {
    Inboxes.Waiting w = inboxes.open(m.subject(), timeoutMs);
    publish(m.withReplyTo(w.inbox())).whenComplete((v, e) -> {
      if (e != null) w.reply().completeExceptionally(e);
    });
    return w.reply();
  }

  @Override
  public Subscription subscribe(String pattern, String group, Handler handler) {
    String filter = group.isEmpty() ? checkedTopic(pattern) : "$share/" + group.replace('/', '_') + "/" + checkedTopic(pattern);
    MqttAsyncClient[] self = new MqttAsyncClient[1];
    self[0] = connect((topic, m) -> {
      CompletableFuture<Void> acked;
      try {
        // MQTT's "a/#" also matches "a"; the contract's "a.>" does not.
        acked = Subjects.matches(pattern, subject(topic)) ? handler.deliver(message(topic, m)) : CompletableFuture.completedFuture(null);
      } catch (RuntimeException e) {
        acked = CompletableFuture.failedFuture(e);
      }
      acked.whenComplete((v, e) -> {
        if (e != null) return; // unacked: the broker sends it again when the session resumes
        try {
          self[0].messageArrivedComplete(m.getId(), m.getQos());
        } catch (MqttException | RuntimeException ignored) {
          // disconnected meanwhile
        }
      });
    });
    try {
      self[0].subscribe(filter, QOS).waitForCompletion(connectTimeoutMs);
    } catch (MqttException e) {
      closeQuietly(self[0]);
      throw context.unavailable("cannot subscribe to " + filter + ": " + e.getMessage(), e);
    }
    subscribers.add(self[0]);
    return () -> {
      subscribers.remove(self[0]);
      closeQuietly(self[0]);
    };
  }

  @Override
  public CompletableFuture<Void> health() {
    return publisher.isConnected() ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(context.unavailable("not connected to " + serverUri, null));
  }

  @Override
  public void close() {
    inboxes.failAll(context.unavailable("closed", null));
    for (MqttAsyncClient c : subscribers) closeQuietly(c);
    closeQuietly(publisher);
  }

  private static void closeQuietly(MqttAsyncClient c) {
    try {
      if (c.isConnected()) c.disconnect().waitForCompletion(2_000);
    } catch (MqttException | RuntimeException ignored) {
      // closing anyway
    }
    try {
      c.close();
    } catch (MqttException | RuntimeException ignored) {
      // closed
    }
  }
}
