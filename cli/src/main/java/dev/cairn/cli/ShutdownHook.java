// cairn:port-implementation -- the process edge: a JVM shutdown hook needs a Thread of its own.
package dev.cairn.cli;

/**
 * Closes a server exactly once: when the JVM is asked to stop (SIGTERM, SIGINT, Ctrl-C), or when the
 * command ends normally, whichever comes first. A stop is graceful: the server finishes what it
 * accepted and releases its storage before the process exits.
 */
final class ShutdownHook implements AutoCloseable {
  private final AutoCloseable resource;
  private final Thread thread;
  private boolean closed;

  private ShutdownHook(AutoCloseable resource, String name) {
    this.resource = resource;
    this.thread = new Thread(this::closeResource, name);
  }

  static ShutdownHook install(AutoCloseable resource, String name) {
    ShutdownHook hook = new ShutdownHook(resource, name);
    Runtime.getRuntime().addShutdownHook(hook.thread);
    return hook;
  }

  /** Closes the resource (if the hook has not) and uninstalls the hook. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is stopping and the hook runs or has run; closeResource waits for it
    }
    closeResource();
  }

  private synchronized void closeResource() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("cairn: error while stopping: " + e);
    }
  }
}
