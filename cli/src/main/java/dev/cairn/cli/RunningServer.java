package dev.cairn.cli;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;

/**
 * The part of a started server the CLI talks to. It exists so the CLI's parsing and error paths can be
 * tested without starting a real server: production starts a {@link CairnServer}, tests pass a fake.
 */
public interface RunningServer extends AutoCloseable {
  int port();

  /** "optimized" or "interpreted", see {@link CairnServer#engineMode()}. */
  String engineMode();

  void awaitStop() throws InterruptedException;

  @Override
  void close();

  /** Starts a server; throws a {@code CairnException} for anything the user can fix. */
  @FunctionalInterface
  interface Starter {
    RunningServer start(ServerOptions options);
  }

  /** The production starter. */
  static RunningServer startCairn(ServerOptions options) {
    CairnServer server = CairnServer.start(options);
    return new RunningServer() {
      @Override public int port() { return server.port(); }
      @Override public String engineMode() { return server.engineMode(); }
      @Override public void awaitStop() throws InterruptedException { server.awaitStop(); }
      @Override public void close() { server.close(); }
    };
  }
}
