package dev.cairn.providers.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.capability.Message;
import dev.cairn.providers.Await;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InprocBusTest extends MessagingContractTest {
  @Override String provider() { return "inproc"; }

  @Override Map<String, String> settings() { return Map.of(); }

  /** There is no server to miss. */
  @Override Map<String, String> unreachable() { return Map.of(); }

  @Override String unansweredCode() { return "capability_no_responders"; }

  @Test
  void aSubscriptionThatFallsBehindMakesPublishFailInsteadOfDroppingMessages() {
    var small = open(Map.of("pendingMessagesMax", "3"));
    small.subscribe("slow", "", m -> new CompletableFuture<>()); // never acks
    for (int i = 0; i < 3; i++) Await.of(small.publish(new Message("slow", b("m"))));
    assertThat(Await.errorCode(small.publish(new Message("slow", b("m"))))).isEqualTo("capability_overloaded");
    small.close();
  }
}
