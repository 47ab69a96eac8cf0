package dev.cairn.server.journal;

import dev.cairn.core.spi.JournalStore;
import dev.cairn.js.JsEngine;
import dev.cairn.server.ports.system.ThreadScheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Replay without a running server (the CLI's {@code --app} mode): brings its own engine and threads. */
public final class ReplayServices {
  private ReplayServices() {}

  /** A replay service over {@code store} for the app in {@code appDir}; close it to free its engine and threads. */
  public static Local local(Path appDir, JournalStore store) {
    return new Local(appDir, store);
  }

  /** A {@link ReplayService} that owns its JS engine and scheduler. */
  public static final class Local implements ReplayService, AutoCloseable {
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private final JsEngine engine = new JsEngine();
    private final LocalReplayService replays;

    private Local(Path appDir, JournalStore store) {
      this.replays = new LocalReplayService(appDir, store, engine, scheduler);
    }

    @Override
    public ReplayReport replay(String invocationId, Optional<Path> code) {
      return replays.replay(invocationId, code);
    }

    @Override
    public List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
      return replays.replayAll(service, code, limit);
    }

    @Override
    public void close() {
      replays.close();
      engine.close();
      scheduler.close();
    }
  }
}
