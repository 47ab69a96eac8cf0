package dev.cairn.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <dataDir>/server-url}: where the node serving an app listens, written once it listens and
 * removed when it stops, so {@code cairn link --app DIR} finds the running server's admin API
 * without being told its port.
 */
public final class ServerUrlFile {
  public static final String FILE_NAME = "server-url";

  private ServerUrlFile() {}

  static void write(Path dataDir, String host, int port) {
    String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    try {
      Files.createDirectories(dataDir);
      Files.writeString(dataDir.resolve(FILE_NAME), "http://" + reachable + ":" + port + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE_NAME), e);
    }
  }

  static void delete(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    } catch (IOException ignored) {
      // a stale file only makes the CLI report the server unreachable
    }
  }

  /** The URL of the running server, if one wrote it. */
  public static Optional<String> read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      String url = Files.readString(file, StandardCharsets.UTF_8).strip();
      return url.isEmpty() ? Optional.empty() : Optional.of(url);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
