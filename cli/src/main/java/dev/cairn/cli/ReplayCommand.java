package dev.cairn.cli;

import dev.cairn.server.admin.AdminParams;
import dev.cairn.server.admin.ReplayReportJson;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn replay <id>} and {@code cairn replay --all --service S}: re-run recorded invocations
 * from their journals, against the recorded code or {@code --code DIR}. Exit status: 0 all identical,
 * 1 a divergence, 2 an error (one replay that could not run makes the whole run 2).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-run recorded invocations from their journals: identical, or the first divergence.")
final class ReplayCommand implements Callable<Integer> {
  static final int EXIT_DIVERGENCE = 1;

  @Mixin DataOptions data;

  @Parameters(index = "0", arity = "0..1", paramLabel = "<invocation-id>")
  String invocationId;

  @Option(names = "--all", description = "Replay every recorded invocation of --service (newest first).")
  boolean all;

  @Option(names = "--service", paramLabel = "S", description = "With --all: the service whose invocations to replay.")
  String service;

  @Option(names = "--code", paramLabel = "DIR", description = "Replay against the app in DIR instead of the recorded code.")
  Path code;

  @Option(names = "--limit", paramLabel = "N", description = "With --all: at most N invocations (default 100).")
  String limit;

  @Option(names = "--json", description = "Print the report(s) as JSON.")
  boolean json;

  @Spec CommandSpec spec;
  private final CliContext context;

  ReplayCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (all == (invocationId != null)) {
      throw new ParameterException(spec.commandLine(), "give either an <invocation-id> or --all --service S");
    }
    if (all && service == null) throw new ParameterException(spec.commandLine(), "--all needs --service S");
    if (!all && (service != null || limit != null)) {
      throw new ParameterException(spec.commandLine(), "--service and --limit go with --all");
    }
    // With --server, DIR is a folder on the server's machine: it answers for it (local checks would be wrong there).
    Optional<Path> codeDir = Optional.ofNullable(code).map(c -> data.server == null ? c.toAbsolutePath().normalize() : c);
    if (data.server == null && codeDir.isPresent() && !Files.isDirectory(codeDir.get())) {
      throw CliException.appNotFound(codeDir.get());
    }
    int max = limit == null ? AdminParams.REPLAY_LIMIT_DEFAULT : AdminParams.limit(limit);
    try (RecordedData recorded = data.open(context)) {
      return all ? many(recorded.replayAll(service, codeDir, max)) : one(recorded.replay(invocationId, codeDir));
    }
  }

  private int one(ReplayReport report) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CliJson.write(ReplayReportJson.map(report)));
      out.flush();
    } else if (!failed(report)) {
      out.print(ReplayText.verdict(report));
      out.flush();
    }
    if (failed(report)) {
      ReplayText.ReplayError e = ReplayText.error(report);
      if (!json) throw CliException.replayFailed(e.code(), e.message());
      return Main.EXIT_USER_ERROR;
    }
    return report.identical() ? 0 : EXIT_DIVERGENCE;
  }

  private int many(List<ReplayReport> reports) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? CliJson.write(ReplayReportJson.all(reports)) + "\n" : ReplayText.all(reports));
    out.flush();
    if (reports.stream().anyMatch(ReplayCommand::failed)) return Main.EXIT_USER_ERROR;
    return reports.stream().allMatch(ReplayReport::identical) ? 0 : EXIT_DIVERGENCE;
  }

  static boolean failed(ReplayReport report) {
    return report.error() != null && !report.error().isEmpty();
  }
}
