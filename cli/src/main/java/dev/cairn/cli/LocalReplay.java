package dev.cairn.cli;

import dev.cairn.core.spi.JournalStore;
import dev.cairn.server.journal.ReplayService;
import java.nio.file.Path;

/**
 * How {@code cairn replay --app} gets a {@link ReplayService} without a running server: the replay
 * engine, built on the app folder and the journal store the CLI opened. Production will be {@code
 * ReplayServices.local(appDir, store)}; until that exists, {@link #NOT_BUILT} says so rather than
 * pretend.
 */
@FunctionalInterface
public interface LocalReplay {
  ReplayService open(Path appDir, JournalStore store);

  LocalReplay NOT_BUILT = (appDir, store) -> {
    throw CliException.notSupportedYet(
        "replay of a local app (--app) needs the replay engine, which this build does not have yet;"
            + " replay through a running server with --server URL");
  };
}
