package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/chat's entity rooms over HTTP: members, messages posted and read back, the last 50 kept, a restart survived. */
class ChatRoomEntityTest {
  static ExampleServer app;

  @BeforeAll
  static void start() {
    app = new ExampleServer("chat");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void membersPostAndReadHistory() {
    assertThat(app.post("/live/lobby/join", "{\"user\":\"ada\"}").body()).isEqualTo("{\"members\":[\"ada\"]}");
    assertThat(app.post("/live/lobby/join", "{\"user\":\"bo\"}").body()).isEqualTo("{\"members\":[\"ada\",\"bo\"]}");
    assertThat(app.post("/live/lobby/messages", "{\"user\":\"ada\",\"text\":\"hi\"}").statusCode()).isEqualTo(201);
    assertThat(app.post("/live/lobby/messages", "{\"user\":\"bo\",\"text\":\"hello\"}").body()).isEqualTo("{\"seq\":2}");
    String history = app.get("/live/lobby/messages").body();
    assertThat(history).contains("\"seq\":1,\"user\":\"ada\",\"text\":\"hi\"").contains("\"seq\":2,\"user\":\"bo\",\"text\":\"hello\"");
    assertThat(app.get("/live/lobby/messages?after=1").body()).doesNotContain("\"seq\":1,").contains("\"seq\":2");
    // not a member, or no text: refused, nothing stored
    assertThat(app.post("/live/lobby/messages", "{\"user\":\"eve\",\"text\":\"x\"}").statusCode()).isEqualTo(403);
    assertThat(app.post("/live/lobby/messages", "{\"user\":\"ada\",\"text\":\"\"}").statusCode()).isEqualTo(400);
    assertThat(app.post("/live/lobby/join", "not json").statusCode()).isEqualTo(400);
    assertThat(app.post("/live/lobby/leave", "{\"user\":\"bo\"}").body()).isEqualTo("{\"members\":[\"ada\"]}");
    assertThat(app.get("/live/lobby").body()).isEqualTo("{\"members\":[\"ada\"],\"messages\":2}");
    // another room shares nothing
    assertThat(app.get("/live/other").body()).isEqualTo("{\"members\":[],\"messages\":0}");
  }

  @Test
  void aRoomKeepsItsLastFiftyMessagesAcrossARestart() {
    app.post("/live/busy/join", "{\"user\":\"ada\"}");
    for (int i = 1; i <= 60; i++) app.post("/live/busy/messages", "{\"user\":\"ada\",\"text\":\"m" + i + "\"}");
    app.restart();
    String history = app.get("/live/busy/messages").body();
    assertThat(history.split("\"seq\":").length - 1).isEqualTo(50);
    assertThat(history).contains("\"text\":\"m11\"").contains("\"text\":\"m60\"").doesNotContain("\"text\":\"m10\"");
  }
}
