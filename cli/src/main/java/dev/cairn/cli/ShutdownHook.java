// cairn:port-implementation -- the process edge: a JVM shutdown hook needs a Thread of its own.
package dev.cairn.cli;

/**
 * Closes the server when the JVM is asked to stop (SIGTERM, SIGINT, Ctrl-C), so a stop is graceful:
 * the server finishes what it accepted and releases its storage before the process exits.
 */
final class ShutdownHook {
  private final Thread thread;

  private ShutdownHook(Thread thread) {
    this.thread = thread;
  }

  static ShutdownHook install(AutoCloseable resource, String name) {
    Thread thread = new Thread(() -> {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("cairn: error while stopping: " + e);
      }
    }, name);
    Runtime.getRuntime().addShutdownHook(thread);
    return new ShutdownHook(thread);
  }

  /** Uninstalls the hook after a normal stop; a no-op when the JVM is already shutting down. */
  void remove() {
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing to remove
    }
  }
}
