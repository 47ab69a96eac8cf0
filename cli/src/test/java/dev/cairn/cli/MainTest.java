package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.manifest.ManifestException;
import dev.cairn.server.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path temp;
  Path app;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<ServerOptions> started = new ArrayList<>();
  final FakeServer server = new FakeServer();

  @BeforeEach
  void app() throws IOException {
    app = Files.createDirectories(temp.resolve("hello"));
    Files.writeString(app.resolve("cairn.yaml"), "app: hello\n");
  }

  int run(RunningServer.Starter starter, String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), starter);
  }

  int run(String... args) {
    return run(options -> {
      started.add(options);
      return server;
    }, args);
  }

  @Test
  void devServesWithDefaultsAndPrintsWhereItListens() {
    int status = run("dev", app.toString());

    assertThat(status).isZero();
    assertThat(started).containsExactly(
        new ServerOptions(app, "127.0.0.1", 8787, true, app.resolve(".cairn")));
    assertThat(out.toString())
        .isEqualTo("cairn: serving hello on http://127.0.0.1:8787 (engine: interpreted)" + System.lineSeparator());
    assertThat(server.closes).isEqualTo(1);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void serveIsNotDevAndTakesPortAndHost() {
    int status = run("serve", app.toString(), "--port", "0", "--host", "::1");

    assertThat(status).isZero();
    assertThat(started).singleElement().satisfies(options -> {
      assertThat(options.dev()).isFalse();
      assertThat(options.port()).isZero();
      assertThat(options.host()).isEqualTo("::1");
    });
    // serve logs JSON lines, the startup line included
    assertThat(out.toString()).startsWith("{\"ts\":\"").contains("\"event\":\"serving\"")
        .contains("\"url\":\"http://[::1]:8787\"").contains("\"engine\":\"interpreted\"");
  }

  @Test
  void relativeAppPathsResolveAgainstTheWorkingDirectory() {
    Path relative = Path.of("").toAbsolutePath().relativize(app);

    assertThat(run("dev", relative.toString())).isZero();
    assertThat(started).singleElement().extracting(ServerOptions::appDir).isEqualTo(app);
  }

  @Test
  void missingAppFolderIsAUserErrorWithoutStackTrace() {
    Path missing = temp.resolve("nope");

    int status = run("dev", missing.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("cairn: error[app_not_found]: no app folder at " + missing + " (give the folder that holds cairn.yaml)");
    assertThat(started).isEmpty();
  }

  @Test
  void folderWithoutManifestIsAUserError() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));

    assertThat(run("serve", empty.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("cairn: error[manifest_missing]: " + empty + " has no cairn.yaml");
  }

  @Test
  void manifestErrorsFromTheServerArePrintedWithTheirCode() {
    Path manifest = app.resolve("cairn.yaml");
    RunningServer.Starter failing = options -> {
      throw ManifestException.invalid(manifest, 3, "services.api.routes[0]", "expected a string starting with \"/\"");
    };

    int status = run(failing, "dev", app.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo(
        "cairn: error[manifest_invalid]: " + manifest + ":3: services.api.routes[0]: expected a string starting with \"/\"");
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  @Test
  void unexpectedFailuresAreReportedAsBugsWithATrace() {
    int status = run(options -> { throw new IllegalStateException("boom"); }, "dev", app.toString());

    assertThat(status).isEqualTo(3);
    assertThat(err.toString()).contains("internal error").contains("IllegalStateException: boom").contains("\tat ");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(run("dev")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: '<app-dir>'");

    assertThat(run("dev", app.toString(), "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port must be between 0 and 65535, not 70000");

    assertThat(run("dev", app.toString(), "--port", "http")).isEqualTo(2);
    assertThat(run("launch", app.toString())).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(started).isEmpty();
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("cairn 0.").contains("GraalJS 25.");

    assertThat(run("help")).isZero();
    assertThat(out.toString()).contains("dev").contains("serve").contains("help");

    assertThat(run("help", "serve")).isZero();
    assertThat(out.toString()).contains("--port=N");
  }

  static final class FakeServer implements RunningServer {
    int closes;

    @Override public int port() { return 8787; }
    @Override public String engineMode() { return "interpreted"; }
    @Override public void awaitStop() {}
    @Override public void close() { closes++; }
  }
}
