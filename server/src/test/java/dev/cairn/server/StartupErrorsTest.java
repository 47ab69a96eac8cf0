package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app that cannot be served says why, and where, before it listens. */
class StartupErrorsTest {
  @TempDir Path dir;

  private static final String MANIFEST = """
      app: broken
      services:
        api: { module: api.js }
      """;

  @Test
  void syntaxErrorNamesTheFileAndLine() {
    TestApp.write(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", "export default {\n  fetch() { return 1 +; }\n};\n"));
    assertThatThrownBy(() -> CairnServer.start(ServerOptions.of(dir, 0, false)))
        .isInstanceOf(CairnException.class)
        .hasMessageContaining("api.js")
        .hasMessageContaining(":2")
        .extracting(e -> ((CairnException) e).code()).isEqualTo("module_error");
  }

  @Test
  void moduleThrowingAtTopLevelIsAModuleError() {
    TestApp.write(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", "throw new Error('no config');\nexport default {};\n"));
    assertThatThrownBy(() -> CairnServer.start(ServerOptions.of(dir, 0, false)))
        .hasMessageContaining("no config")
        .extracting(e -> ((CairnException) e).code()).isEqualTo("module_error");
  }

  @Test
  void missingImportIsAModuleError() {
    TestApp.write(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", "import x from './missing.js';\nexport default {};\n"));
    assertThatThrownBy(() -> CairnServer.start(ServerOptions.of(dir, 0, false)))
        .hasMessageContaining("missing.js")
        .extracting(e -> ((CairnException) e).code()).isEqualTo("module_error");
  }

  @Test
  void moduleWithoutDefaultExportIsAClearError() {
    TestApp.write(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", "export const x = 1;\n"));
    assertThatThrownBy(() -> CairnServer.start(ServerOptions.of(dir, 0, false)))
        .hasMessageContaining("no default export")
        .extracting(e -> ((CairnException) e).code()).isEqualTo("handler_missing");
  }

  @Test
  void portInUseIsAClearError() throws Exception {
    TestApp.write(dir, TestApp.files("cairn.yaml", MANIFEST, "api.js", "export default { fetch() { return new Response('x'); } };\n"));
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> CairnServer.start(new ServerOptions(dir, "127.0.0.1", taken.getLocalPort(), false, dir.resolve(".cairn"))))
          .extracting(e -> ((CairnException) e).code()).isEqualTo("server_start_failed");
    }
  }
}
