package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn dev} picks up saved files without a restart, and a broken save keeps the old version serving. */
class DevReloadTest {
  @TempDir Path dir;

  @Test
  void savedChangesAreServedAndBrokenSavesAreNot() throws Exception {
    try (TestApp app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", "app: reload\nservices:\n  api: { module: api.js }\n",
        "api.js", "export default { fetch() { return new Response('v1'); } };\n"), true)) {
      assertThat(app.get("/").body()).isEqualTo("v1");

      Files.writeString(dir.resolve("api.js"), "export default { fetch() { return new Response('v2'); } };\n");
      assertThat(waitFor(app, "v2")).isEqualTo("v2");

      Files.writeString(dir.resolve("api.js"), "export default { fetch() { return new Response('v3' }; \n");
      Thread.sleep(500);
      assertThat(app.get("/").body()).isEqualTo("v2");

      // a new service added to the manifest is served too
      Files.writeString(dir.resolve("extra.js"), "export default { fetch() { return new Response('extra'); } };\n");
      Files.writeString(dir.resolve("api.js"), "export default { fetch() { return new Response('v4'); } };\n");
      Files.writeString(dir.resolve("cairn.yaml"),
          "app: reload\nservices:\n  api: { module: api.js, routes: ['/*'] }\n  extra: { module: extra.js, routes: ['/extra'] }\n");
      assertThat(waitFor(app, "/extra", "extra")).isEqualTo("extra");
      assertThat(app.get("/").body()).isEqualTo("v4");
    }
  }

  private static String waitFor(TestApp app, String expected) throws InterruptedException {
    return waitFor(app, "/", expected);
  }

  private static String waitFor(TestApp app, String path, String expected) throws InterruptedException {
    String body = "";
    for (int i = 0; i < 250 && !body.equals(expected); i++) {
      Thread.sleep(20);
      body = app.get(path).body();
    }
    return body;
  }
}
