package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn dev}: serve an app for development (reloads on change, readable request log). */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Serve an app for development: reload services when their files change, log requests readably.")
final class DevCommand extends AppCommand {
  DevCommand(RunningServer.Starter starter) {
    super(true, starter);
  }
}
