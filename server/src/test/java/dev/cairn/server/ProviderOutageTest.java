package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that goes down while the app runs: calls fail at once with the typed, retryable
 * {@code capability_unavailable}, the link turns unhealthy, and both recover when the server is
 * back. The server is a real Redis of the test's own (the shared one on 6379 must stay up).
 */
class ProviderOutageTest {
  @TempDir Path dir;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Process redis(int port) throws Exception {
    Process p = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return p;
      } catch (java.io.IOException notYet) {
        Thread.sleep(20);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("redis-server did not start on " + port);
  }

  static String status(TestApp app) {
    return CapabilityLinksTest.admin(app, "GET", "/__cairn/links", "").body();
  }

  @Test
  void aProviderThatGoesDownGivesTypedRetryableErrorsAndRecovers() throws Exception {
    int port = freePort();
    Process redis = redis(port);
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml",
        CapabilityLinksTest.manifest("{ contract: kv, provider: redis, url: \"redis://127.0.0.1:" + port + "\", timeoutMs: \"500\" }"),
        "api.js", CapabilityLinksTest.API))) {
      assertThat(app.get("/").body()).isEqualTo("1");

      redis.destroyForcibly().waitFor();
      var down = app.get("/");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"code\":\"capability_unavailable\"").contains("\"retryable\":true");
      String s = "";
      for (int i = 0; i < 100 && !(s = status(app)).contains("\"state\":\"unhealthy\""); i++) Thread.sleep(100);
      assertThat(s).contains("\"healthy\":false").contains("\"state\":\"unhealthy\"");

      redis = redis(port); // empty again: it keeps nothing on disk
      String body = "";
      for (int i = 0; i < 150 && !(body = app.get("/").body()).equals("1"); i++) Thread.sleep(100);
      assertThat(body).isEqualTo("1");
      for (int i = 0; i < 100 && !(s = status(app)).contains("\"state\":\"healthy\""); i++) Thread.sleep(100);
      assertThat(s).contains("\"healthy\":true");
    } finally {
      redis.destroyForcibly().waitFor();
    }
  }
}
