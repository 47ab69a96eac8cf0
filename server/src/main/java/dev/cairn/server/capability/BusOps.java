package dev.cairn.server.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.capability.MessagingLimits;
import dev.cairn.core.capability.Subjects;
import dev.cairn.js.CapabilityReply;
import java.util.concurrent.CompletableFuture;

/** The {@code messaging.*} ops: subject and body checked against the provider's {@link MessagingLimits}. */
final class BusOps {
  private BusOps() {}

  static CompletableFuture<CapabilityReply> run(String capability, String provider, MessageBus bus, String op, JsonNode a, byte[] body) {
    MessagingLimits limits = bus.limits();
    String subject = Replies.text(capability, a, "subject");
    Subjects.checkSubject(capability, subject, limits.subjectBytesMax());
    byte[] data = Replies.bodyOrEmpty(body);
    limits.checkBody(capability, provider, data.length);
    Message message = new Message(subject, data, Replies.pairs(a.path("headers")), "");
    return switch (op) {
      case "messaging.publish" -> bus.publish(message).thenApply(v -> CapabilityReply.EMPTY);
      case "messaging.request" -> bus.request(message, limits.timeoutMs(capability, Replies.number(capability, a, "timeoutMs")))
          .thenApply(r -> Replies.of(Replies.fields("subject", r.subject(), "headers", Replies.pairs(r.headers())), r.body()));
      default -> throw CapabilityException.invalidArgument(capability, "no messaging operation " + op);
    };
  }
}
