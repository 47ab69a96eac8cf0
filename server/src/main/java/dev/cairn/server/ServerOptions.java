package dev.cairn.server;

import java.nio.file.Path;

/**
 * How to run one app.
 *
 * @param appDir folder holding {@code cairn.yaml}
 * @param host address to listen on (default {@code 127.0.0.1})
 * @param port port to listen on; 0 picks a free one
 * @param dev development mode: reload services when their files change, human-readable request log
 * @param dataDir where durable state lives (default {@code <appDir>/.cairn})
 */
public record ServerOptions(Path appDir, String host, int port, boolean dev, Path dataDir) {
  public static ServerOptions of(Path appDir, int port, boolean dev) {
    return new ServerOptions(appDir, "127.0.0.1", port, dev, appDir.resolve(".cairn"));
  }
}
