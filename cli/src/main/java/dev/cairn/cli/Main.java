package dev.cairn.cli;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code cairn} command line. Exit status: 0 after a clean stop, 2 for anything the user can fix
 * (bad arguments, a missing app, a bad manifest: one line {@code cairn: error[<code>]: <message>}),
 * 3 for a bug in Cairn (with its stack trace); 1 is kept for "replay found a divergence".
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Runs Cairn apps: Workers-style JavaScript services with durable state.")
public final class Main implements Callable<Integer> {
  static final int EXIT_USER_ERROR = 2;
  static final int EXIT_BUG = 3;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err, RunningServer::startCairn));
  }

  /** Runs one command line and returns its exit status; {@code starter} starts the server. */
  static int run(String[] args, PrintWriter out, PrintWriter err, RunningServer.Starter starter) {
    return run(args, out, err, starter, CliContext.system());
  }

  /** Runs one command line with {@code context} (clock, local replay engine, environment) in place of the system's. */
  static int run(String[] args, PrintWriter out, PrintWriter err, RunningServer.Starter starter, CliContext context) {
    CommandLine commandLine = new CommandLine(new Main())
        .addSubcommand(new DevCommand(starter))
        .addSubcommand(new ServeCommand(starter))
        .addSubcommand(new InvocationsCommand(context))
        .addSubcommand(new InspectCommand(context))
        .addSubcommand(new ReplayCommand(context))
        .addSubcommand("link", LinkCommand.commandLine(context))
        .addSubcommand("keys", KeysCommand.commandLine())
        .addSubcommand(new SignCommand(context))
        .addSubcommand("workflows", WorkflowsCommand.commandLine(context))
        .addSubcommand(new HelpCommand());
    commandLine.setOut(out).setErr(err).setExecutionExceptionHandler(Main::onError);
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** {@code cairn} with no command: show what there is to run. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USER_ERROR;
  }

  private static int onError(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CairnException user) {
        err.printf("cairn: error[%s]: %s%n", user.code(), user.getMessage());
        err.flush();
        return EXIT_USER_ERROR;
      }
    }
    err.println("cairn: internal error (a bug in Cairn; please report it with this trace):");
    e.printStackTrace(err);
    err.flush();
    return EXIT_BUG;
  }

  /** {@code cairn --version}: Cairn's version, the GraalJS it was built with and the running JDK. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "cairn " + properties.getProperty("version", "(unknown version)"),
        "GraalJS " + properties.getProperty("graal.version", "?") + ", JDK " + Runtime.version(),
      };
    }
  }
}
