package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn serve}: serve an app as in production. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve an app as in production (the launcher turns the optimizing JIT on when it can).")
final class ServeCommand extends AppCommand {
  ServeCommand(RunningServer.Starter starter) {
    super(false, starter);
  }
}
