package dev.cairn.cli;

import dev.cairn.core.spi.Clock;
import dev.cairn.server.ports.system.SystemClock;
import java.util.Map;

/**
 * What the commands take from outside the command line: the clock ({@code --since 10m}), the
 * local replay engine and the environment ({@code CAIRN_ADMIN_TOKEN}). Tests pass their own.
 */
public record CliContext(Clock clock, LocalReplay localReplay, Map<String, String> environment) {
  public CliContext {
    environment = Map.copyOf(environment);
  }

  static CliContext system() {
    return new CliContext(SystemClock.INSTANCE, dev.cairn.server.journal.ReplayServices::local, System.getenv());
  }
}
