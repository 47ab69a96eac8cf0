package dev.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/webhooks: a signed webhook lands in the store service, and the cron job reports on it. */
class WebhooksExampleTest {
  static ExampleServer app;

  @BeforeAll
  static void start() {
    app = new ExampleServer("webhooks");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private static String sign(String body) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("s3cret" + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpRequest.Builder post(String body, String signature) {
    return HttpRequest.newBuilder().header("x-signature", signature).POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void signedDeliveriesAreStoredAndReportedByCron() throws Exception {
    String body = "{\"event\":\"push\"}";
    assertThat(app.send(post(body, sign(body)), "/webhooks/github").statusCode()).isEqualTo(202);
    assertThat(app.send(post(body, sign(body)), "/webhooks/stripe").statusCode()).isEqualTo(202);
    assertThat(app.get("/deliveries").body()).contains("\"source\":\"github\"").contains("\"source\":\"stripe\"");

    var ran = app.get("/__scheduled?cron=*+*+*+*+*");
    assertThat(ran.statusCode()).isEqualTo(200);
    assertThat(ran.body()).isEqualTo("{\"ran\":[\"reporter\"]}");
    String stats = app.get("/stats").body();
    assertThat(stats).contains("\"cron\":\"* * * * *\"").contains("\"bySource\":{");
    assertThat(stats).containsPattern("\"github\":[1-9]");
  }

  @Test
  void badSignaturesAreRejected() {
    var r = app.send(post("{}", "0000"), "/webhooks/github");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("bad_signature");
  }
}
