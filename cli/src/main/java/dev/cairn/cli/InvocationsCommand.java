package dev.cairn.cli;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.TimelineFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn invocations}: recorded invocations, newest first. */
@Command(name = "invocations", mixinStandardHelpOptions = true,
    description = "List recorded invocations, newest first.")
final class InvocationsCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--service", paramLabel = "S", description = "Only this service's invocations.")
  String service;

  @Option(names = "--status", paramLabel = "STATUS", description = "running, completed, failed (or error, the same).")
  String status;

  @Option(names = "--since", paramLabel = "WHEN", description = "Started at most this long ago (10m, 2h, 1d) or after epoch ms.")
  String since;

  @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default 50).")
  String limit;

  @Option(names = "--json", description = "Print JSON: {\"invocations\":[...]}.")
  boolean json;

  @Spec CommandSpec spec;
  private final CliContext context;

  InvocationsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<InvocationSummary> rows;
    try (RecordedData recorded = data.open(context)) {
      rows = recorded.list(Optional.ofNullable(service), Optional.ofNullable(status), Optional.ofNullable(since),
          Optional.ofNullable(limit));
    }
    var out = spec.commandLine().getOut();
    if (json) {
      List<Object> maps = new ArrayList<>();
      for (InvocationSummary s : rows) maps.add(JournalViews.summaryMap(s));
      out.println(CliJson.write(Map.of("invocations", maps)));
    } else {
      out.print(TimelineFormat.listing(rows));
    }
    out.flush();
    return 0;
  }
}
