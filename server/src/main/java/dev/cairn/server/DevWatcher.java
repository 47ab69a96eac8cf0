package dev.cairn.server;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Ports;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code cairn dev}: watches the app folder (not {@code .cairn/} or {@code node_modules/}) and
 * reloads the app shortly after files stop changing, so an editor's save-in-several-writes
 * reloads once.
 */
final class DevWatcher implements AutoCloseable {
  static final long DEBOUNCE_MS = 10;

  private final Path root;
  private final WatchService watch;
  private final Ports ports;
  private final Runnable reload;
  private volatile boolean closed;
  private Cancellable pending = () -> {};

  private DevWatcher(Path root, WatchService watch, Ports ports, Runnable reload) {
    this.root = root;
    this.watch = watch;
    this.ports = ports;
    this.reload = reload;
  }

  static DevWatcher start(Path appDir, Ports ports, RequestLog log, Runnable reload) {
    try {
      Path root = appDir.toAbsolutePath().normalize();
      DevWatcher w = new DevWatcher(root, FileSystems.getDefault().newWatchService(), ports, reload);
      w.register(root);
      ports.scheduler().executeBlocking(w::loop);
      log.info("watching " + root + " for changes");
      return w;
    } catch (IOException e) {
      throw ServerException.startFailed("cannot watch " + appDir + ": " + e.getMessage());
    }
  }

  private void register(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        if (!d.equals(root) && (name.equals(".cairn") || name.equals("node_modules") || name.startsWith(".git"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void loop() {
    while (!closed) {
      WatchKey key;
      try {
        key = watch.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      boolean relevant = false;
      for (var event : key.pollEvents()) {
        if (event.context() instanceof Path p && !p.toString().startsWith(".cairn")) {
          relevant = true;
          Path full = ((Path) key.watchable()).resolve(p);
          if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
            try {
              register(full);
            } catch (IOException ignored) {
              // a folder that vanished again: nothing to watch
            }
          }
        }
      }
      key.reset();
      if (relevant) schedule();
    }
  }

  private synchronized void schedule() {
    pending.cancel();
    pending = ports.scheduler().schedule(DEBOUNCE_MS, () -> {
      if (!closed) reload.run();
    });
  }

  @Override
  public void close() {
    closed = true;
    try {
      watch.close();
    } catch (IOException ignored) {
      // closing a watch service only fails if it is already closed
    }
  }
}
