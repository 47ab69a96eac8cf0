package dev.cairn.server;

import dev.cairn.server.signing.SigningPolicy;
import java.nio.file.Path;

/**
 * How to run one app.
 *
 * @param appDir folder holding {@code cairn.yaml}
 * @param host address to listen on (default {@code 127.0.0.1})
 * @param port port to listen on; 0 picks a free one
 * @param dev development mode: reload services when their files change, human-readable request log
 * @param dataDir where durable state lives (default {@code <appDir>/.cairn})
 * @param signing whether only signed modules are served ({@code cairn serve --require-signed})
 */
public record ServerOptions(Path appDir, String host, int port, boolean dev, Path dataDir, SigningPolicy signing) {
  public ServerOptions(Path appDir, String host, int port, boolean dev, Path dataDir) {
    this(appDir, host, port, dev, dataDir, SigningPolicy.NONE);
  }

  public static ServerOptions of(Path appDir, int port, boolean dev) {
    return new ServerOptions(appDir, "127.0.0.1", port, dev, appDir.resolve(".cairn"));
  }
}
