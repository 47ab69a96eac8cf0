package dev.cairn.cli;

import dev.cairn.core.Json;
import dev.cairn.server.ServerOptions;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.signing.SigningPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code dev} and {@code serve} share: check the app folder, start a server on it, print where it
 * listens, and block until it stops. They differ only in the server's development mode.
 */
abstract class AppCommand implements Callable<Integer> {
  static final int PORT_DEFAULT = 8787;

  @Parameters(index = "0", paramLabel = "<app-dir>", description = "Folder holding the app's cairn.yaml.")
  Path appDir;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + PORT_DEFAULT,
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Spec CommandSpec spec;

  private final boolean dev;
  private final RunningServer.Starter starter;

  AppCommand(boolean dev, RunningServer.Starter starter) {
    this.dev = dev;
    this.starter = starter;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
    }
    // Relative to the caller's working directory: the launcher never changes it.
    Path app = appDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(app)) {
      throw CliException.appNotFound(app);
    }
    if (!Files.isRegularFile(app.resolve("cairn.yaml"))) {
      throw CliException.manifestMissing(app);
    }
    ServerOptions options = new ServerOptions(app, host, port, dev, app.resolve(".cairn"), signing());
    RunningServer server = starter.start(options);
    try (ShutdownHook stop = ShutdownHook.install(server, "cairn-stop")) {
      PrintWriter out = spec.commandLine().getOut();
      String name = String.valueOf(app.getFileName());
      if (dev) {
        out.printf("cairn: serving %s on %s (engine: %s)%n", name, url(server.port()), server.engineMode());
      } else { // serve logs JSON lines, this one included
        out.println("{\"ts\":" + Json.quote(java.time.Instant.ofEpochMilli(
            SystemClock.INSTANCE.nowMs()).toString())
            + ",\"level\":\"info\",\"event\":\"serving\",\"app\":" + Json.quote(name)
            + ",\"url\":" + Json.quote(url(server.port())) + ",\"engine\":" + Json.quote(server.engineMode())
            + ",\"message\":" + Json.quote("serving " + name + " on " + url(server.port()) + " (engine: "
            + server.engineMode() + ")") + "}");
      }
      out.flush();
      server.awaitStop();
    }
    return 0;
  }

  /** Which modules may be served; {@code dev} serves unsigned ones. */
  SigningPolicy signing() {
    return SigningPolicy.NONE;
  }

  private String url(int boundPort) {
    String address = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + address + ":" + boundPort;
  }
}
