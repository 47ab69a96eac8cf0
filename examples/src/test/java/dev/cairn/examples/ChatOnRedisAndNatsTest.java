package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/chat with only its manifest's capabilities changed: kv on the real Redis, messaging on
 * the real NATS. Also checks the bridge from outside: a NATS client's message lands in the room,
 * and a room message reaches a NATS subscriber.
 */
class ChatOnRedisAndNatsTest extends ChatExampleTest {
  @BeforeAll
  static void start() {
    String ns = "chat" + Long.toHexString(System.nanoTime());
    app = new ExampleServer("chat", manifest -> manifest
        .replace("store: { contract: kv, provider: sqlite }",
            "store: { contract: kv, provider: redis, url: \"redis://127.0.0.1:6379\", namespace: " + ns + " }")
        .replace("events: { contract: messaging, provider: inproc }",
            "events: { contract: messaging, provider: nats, url: \"nats://127.0.0.1:4222\" }"));
  }

  @Test
  void natsClientsOutsideTheAppTalkToTheRoomBothWays() throws Exception {
    String room = ROOM + "-nats";
    List<String> out = new CopyOnWriteArrayList<>();
    try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
      nats.createDispatcher(m -> out.add(new String(m.getData(), StandardCharsets.UTF_8))).subscribe("chat.out." + room);
      nats.flush(Duration.ofSeconds(2));
      nats.publish("chat.in." + room, "{\"user\":\"nats\",\"text\":\"from outside\"}".getBytes(StandardCharsets.UTF_8));
      eventually(() -> {
        try {
          assertThat(messages(room).toString()).contains("\"text\":\"from outside\"").contains("\"via\":\"bus\"");
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      assertThat(app.post("/rooms/" + room + "/messages", "{\"user\":\"ada\",\"text\":\"to outside\"}").statusCode()).isEqualTo(201);
      eventually(() -> assertThat(out).anySatisfy(m -> assertThat(m).contains("\"text\":\"to outside\"").contains("\"id\":2")));
    }
  }
}
