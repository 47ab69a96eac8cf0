package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/hello, started as `cairn dev` starts it and exercised over HTTP. */
class HelloExampleTest {
  static ExampleServer app;

  @BeforeAll
  static void start() {
    app = new ExampleServer("hello");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void greetsByName() {
    var r = app.get("/hello/world");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"message\":\"Hello, world!\"}");
    assertThat(app.get("/hello/J%C3%BCrgen").body()).isEqualTo("{\"message\":\"Hello, Jürgen!\"}");
  }

  @Test
  void createsAndReadsNotes() {
    var created = app.send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"buy milk\"}")), "/api/notes");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("location").orElseThrow();
    assertThat(location).matches("/api/notes/[0-9a-f-]{36}");
    assertThat(app.get(location).body()).contains("\"text\":\"buy milk\"");
    assertThat(app.get("/api/notes").body()).contains("buy milk");
  }

  @Test
  void badInputGetsJsonErrors() {
    var bad = app.send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString("not json")), "/api/notes");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"code\":\"bad_json\"");
    var missing = app.get("/api/notes/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(app.get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(app.get("/nowhere").body()).contains("route_not_found");
  }

  @Test
  void timeIsAnIsoString() {
    assertThat(app.get("/api/time").body()).matches("\\{\"now\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"\\}");
  }
}
