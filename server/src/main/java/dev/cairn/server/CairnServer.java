package dev.cairn.server;

/**
 * A running Cairn node serving one app. {@link #start(ServerOptions)} returns once the gateway
 * listens; {@link #close()} stops it.
 */
public final class CairnServer implements AutoCloseable {
  private CairnServer() {}

  /** Loads the app, starts its services and the HTTP gateway. Throws {@code ManifestException} for a bad manifest. */
  public static CairnServer start(ServerOptions options) {
    throw new UnsupportedOperationException("being written");
  }

  /** The port the gateway listens on. */
  public int port() {
    throw new UnsupportedOperationException("being written");
  }

  /** "optimized" when the Graal JIT compiles JavaScript, "interpreted" otherwise. */
  public String engineMode() {
    throw new UnsupportedOperationException("being written");
  }

  /** Blocks until the server is closed (by {@link #close()} or a shutdown signal). */
  public void awaitStop() throws InterruptedException {
    throw new UnsupportedOperationException("being written");
  }

  @Override
  public void close() {}
}
