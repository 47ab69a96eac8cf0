package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * examples/chat over HTTP. Each subclass serves it on other providers by rewriting only the
 * manifest's capabilities; the JavaScript is the example's own, byte for byte.
 */
abstract class ChatExampleTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ExampleServer app;
  static final String ROOM = "lobby-" + Long.toHexString(System.nanoTime());

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  static JsonNode messages(String room) throws Exception {
    var r = app.get("/rooms/" + room + "/messages");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body()).path("messages");
  }

  static void eventually(Runnable check) throws InterruptedException {
    AssertionError last = null;
    for (int i = 0; i < 200; i++) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        last = e;
        TimeUnit.MILLISECONDS.sleep(25);
      }
    }
    throw last;
  }

  @Test
  void theCodeServedIsTheExamplesOwn() throws Exception {
    Path source = Path.of("").toAbsolutePath().resolve("chat");
    if (!Files.isDirectory(source)) source = Path.of("").toAbsolutePath().resolve("examples/chat");
    for (String module : List.of("src/rooms.js", "src/bridge.js", "src/kv-rooms.js")) {
      assertThat(Files.readString(app.dir().resolve(module))).isEqualTo(Files.readString(source.resolve(module)));
    }
  }

  @Test
  void messagesArePostedAndReadBackInOrderAndTheRoomIsListed() throws Exception {
    String room = ROOM + "-http";
    for (int i = 1; i <= 12; i++) {
      var r = app.post("/rooms/" + room + "/messages", "{\"user\":\"ada\",\"text\":\"hello " + i + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(json(r.body()).path("id").asInt()).isEqualTo(i);
    }
    JsonNode all = messages(room);
    assertThat(all).hasSize(12);
    assertThat(all.get(0).path("text").asText()).isEqualTo("hello 1");
    assertThat(all.get(11).path("text").asText()).isEqualTo("hello 12");
    assertThat(json(app.get("/rooms/" + room + "/messages?after=10").body()).path("messages")).extracting(JsonNode::toString)
        .allSatisfy(m -> assertThat(m).contains("\"via\":\"http\"")).hasSize(2);
    assertThat(app.get("/rooms").body()).contains("\"" + room + "\"");
    assertThat(app.post("/rooms/Bad%20Room/messages", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void messagesPublishedOnTheBusAreBridgedIntoTheRoom() throws Exception {
    String room = ROOM + "-bus";
    assertThat(app.post("/rooms/" + room + "/relay", "{\"user\":\"grace\",\"text\":\"via the bus\"}").statusCode()).isEqualTo(202);
    eventually(() -> {
      try {
        assertThat(messages(room)).extracting(JsonNode::toString).singleElement().asString()
            .contains("\"user\":\"grace\"").contains("\"text\":\"via the bus\"").contains("\"via\":\"bus\"");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }
}
