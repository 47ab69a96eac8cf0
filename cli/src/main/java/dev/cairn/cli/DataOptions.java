package dev.cairn.cli;

import dev.cairn.server.ports.system.AdminTokens;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command finds recorded invocations, as {@code cairn dev} does: the app folder's
 * {@code .cairn/journal.db} ({@code --app}, default the current folder), or a running server's
 * admin API ({@code --server}) with a token from {@code --token}, {@code CAIRN_ADMIN_TOKEN} or the
 * app's {@code .cairn/admin-token}, in that order.
 */
final class DataOptions {
  static final String TOKEN_VARIABLE = "CAIRN_ADMIN_TOKEN";

  @Option(names = "--app", paramLabel = "DIR", description = "App folder whose .cairn/journal.db to read (default: the current folder).")
  Path app;

  @Option(names = "--server", paramLabel = "URL", description = "Ask a running server's admin API instead, e.g. http://127.0.0.1:8787.")
  String server;

  @Option(names = "--token", paramLabel = "T", description = "Admin token for --server (default: $" + TOKEN_VARIABLE
      + ", then <app>/.cairn/admin-token).")
  String token;

  Path appDir() {
    return (app == null ? Path.of("") : app).toAbsolutePath().normalize();
  }

  RecordedData open(CliContext context) {
    if (server == null) return LocalData.open(appDir(), context);
    return new RemoteData(server, token(context));
  }

  /**
   * The running server's admin API, for commands that change what it serves ({@code cairn link}):
   * {@code --server}, else the URL the server wrote to {@code <app>/.cairn/server-url}.
   */
  AdminClient admin(CliContext context) {
    Path dataDir = appDir().resolve(".cairn");
    String url = Optional.ofNullable(server).or(() -> dev.cairn.server.ServerUrlFile.read(dataDir))
        .orElseThrow(() -> CliException.serverNotRunning(appDir(), dataDir.resolve(dev.cairn.server.ServerUrlFile.FILE_NAME)));
    return new AdminClient(url, token(context));
  }

  private String token(CliContext context) {
    Path dataDir = appDir().resolve(".cairn");
    return Optional.ofNullable(token)
        .or(() -> Optional.ofNullable(context.environment().get(TOKEN_VARIABLE)).filter(t -> !t.isBlank()))
        .or(() -> AdminTokens.read(dataDir))
        .orElseThrow(() -> CliException.adminTokenMissing(dataDir.resolve(AdminTokens.FILE_NAME)))
        .strip();
  }
}
