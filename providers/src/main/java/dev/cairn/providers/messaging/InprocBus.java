package dev.cairn.providers.messaging;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.capability.MessagingLimits;
import dev.cairn.core.capability.Subjects;
import dev.cairn.providers.ProviderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code messaging} provider {@code inproc}, the default: subjects inside this process only. Each
 * subscription has a bounded queue ({@code pendingMessagesMax}, default 10,000, counting messages
 * not yet acked); a publish that would pass it fails with {@code capability_overloaded} rather than
 * drop anything. Messages live in memory: a restart loses those not yet acked.
 */
public final class InprocBus implements MessageBus {
  static final Set<String> SETTINGS = Set.of("bodyBytesMax", "pendingMessagesMax");
  static final int PENDING_MESSAGES_MAX_DEFAULT = 10_000;
  static final long BODY_BYTES_HARD_MAX = 64L << 20;

  private final ProviderContext context;
  private final MessagingLimits limits;
  private final int pendingMax;
  private final List<Sub> subs = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> groupTurns = new LinkedHashMap<>();
  private final Inboxes inboxes;
  private volatile boolean closed;

  private InprocBus(ProviderContext context, MessagingLimits limits, int pendingMax) {
    this.context = context;
    this.limits = limits;
    this.pendingMax = pendingMax;
    this.inboxes = new Inboxes(context, "_INBOX.inproc.");
  }

  public static MessageBus open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    long body = context.bytes("bodyBytesMax", MessagingLimits.BODY_BYTES_MAX_DEFAULT, BODY_BYTES_HARD_MAX);
    int pending = context.integer("pendingMessagesMax", PENDING_MESSAGES_MAX_DEFAULT, 1, 1_000_000);
    return new InprocBus(context, MessagingLimits.DEFAULTS.withBodyBytesMax(body), pending);
  }

  @Override
  public MessagingLimits limits() {
    return limits;
  }

  @Override
  public CompletableFuture<Void> publish(Message message) {
    if (closed) return CompletableFuture.failedFuture(context.unavailable("closed", null));
    if (inboxes.deliver(message.subject(), message)) return CompletableFuture.completedFuture(null);
    List<Sub> targets = targets(message.subject());
    for (Sub s : targets) {
      if (s.pending() >= pendingMax) {
        return CompletableFuture.failedFuture(CapabilityException.overloaded(context.capability(),
            "pendingMessagesMax for subscription " + s.pattern, pendingMax));
      }
    }
    for (Sub s : targets) s.enqueue(message);
    return CompletableFuture.completedFuture(null);
  }

  /** The subscriptions a subject reaches: every ungrouped match, and one per group, in turn. */
  private List<Sub> targets(String subject) {
    List<Sub> out = new ArrayList<>();
    Map<String, List<Sub>> groups = new LinkedHashMap<>();
    for (Sub s : subs) {
      if (!Subjects.matches(s.pattern, subject)) continue;
      if (s.group.isEmpty()) out.add(s);
      else groups.computeIfAbsent(s.group, g -> new ArrayList<>()).add(s);
    }
    synchronized (groupTurns) {
      groups.forEach((group, members) -> {
        int turn = groupTurns.merge(group, 1, Integer::sum);
        out.add(members.get(Math.floorMod(turn, members.size())));
      });
    }
    return out;
  }

  @Override
  public CompletableFuture<Message> request(Message message, long timeoutMs) {
    if (targets(message.subject()).isEmpty()) {
      return CompletableFuture.failedFuture(CapabilityException.noResponders(context.capability(), message.subject()));
    }
    Inboxes.Waiting w = inboxes.open(message.subject(), timeoutMs);
    publish(message.withReplyTo(w.inbox())).whenComplete((v, e) -> {
      if (e != null) w.reply().completeExceptionally(e);
    });
    return w.reply();
  }

  @Override
  public Subscription subscribe(String pattern, String group, Handler handler) {
    Sub s = new Sub(pattern, group, handler, new SerialQueue(context.scheduler()));
    subs.add(s);
    return () -> subs.remove(s);
  }

  @Override
  public CompletableFuture<Void> health() {
    return closed ? CompletableFuture.failedFuture(context.unavailable("closed", null)) : CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    closed = true;
    subs.clear();
    inboxes.failAll(context.unavailable("closed", null));
  }

  /** One subscription: its messages are handed to the handler in order, from the Scheduler's blocking executor. */
  private static final class Sub {
    final String pattern;
    final String group;
    final Handler handler;
    final SerialQueue queue;
    private final java.util.concurrent.atomic.AtomicInteger unacked = new java.util.concurrent.atomic.AtomicInteger();

    Sub(String pattern, String group, Handler handler, SerialQueue queue) {
      this.pattern = pattern;
      this.group = group;
      this.handler = handler;
      this.queue = queue;
    }

    int pending() {
      return unacked.get();
    }

    void enqueue(Message m) {
      unacked.incrementAndGet();
      queue.submit(() -> {
        CompletableFuture<Void> acked;
        try {
          acked = handler.deliver(m);
        } catch (RuntimeException e) {
          acked = CompletableFuture.failedFuture(e);
        }
        acked.whenComplete((v, e) -> unacked.decrementAndGet());
      });
    }
  }
}
