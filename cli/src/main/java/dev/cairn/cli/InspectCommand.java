package dev.cairn.cli;

import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.Timeline;
import dev.cairn.server.journal.TimelineFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn inspect <id>}: one invocation's timeline. A journal that cannot be read to its end
 * shows the entries before the bad one, then the error (exit status 2).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show an invocation's timeline: every host call, its arguments, result and timing.")
final class InspectCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<invocation-id>")
  String invocationId;

  @Option(names = "--full", description = "Show bodies, arguments and results whole (default: cut at 120 characters).")
  boolean full;

  @Option(names = "--json", description = "Print JSON: {\"summary\":..,\"timeline\":[..],\"error\":..}.")
  boolean json;

  @Spec CommandSpec spec;
  private final CliContext context;

  InspectCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RecordedData.Inspection inspection;
    try (RecordedData recorded = data.open(context)) {
      inspection = recorded.inspect(invocationId, full);
    }
    Timeline timeline = inspection.timeline();
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(JournalViews.json(inspection.summary(), timeline));
    } else {
      out.print(TimelineFormat.inspect(inspection.summary(), new Timeline(timeline.rows(), Optional.empty())));
    }
    out.flush();
    if (timeline.error().isEmpty()) return 0;
    var err = spec.commandLine().getErr();
    err.printf("cairn: error[%s]: %s%n", timeline.error().get().code(), timeline.error().get().message());
    err.flush();
    return Main.EXIT_USER_ERROR;
  }
}
