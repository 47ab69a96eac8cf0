package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn workflows list|status|send-event|pause|resume|terminate|restart}: the workflow
 * instances of a running app, through its admin API ({@code --app DIR} finds the server the app's
 * node wrote down, {@code --server URL} names one).
 */
@Command(name = "workflows", mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "list | status | send-event | pause | resume | terminate | restart",
    description = "List workflow instances of a running app, show one, send it an event, or pause, resume, terminate or restart it.")
final class WorkflowsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USER_ERROR;
  }

  static picocli.CommandLine commandLine(CliContext context) {
    picocli.CommandLine line = new picocli.CommandLine(new WorkflowsCommand())
        .addSubcommand(new ListInstances(context))
        .addSubcommand(new Status(context))
        .addSubcommand(new SendEvent(context));
    for (String action : new String[] {"pause", "resume", "terminate", "restart"}) {
      line.addSubcommand(action, new picocli.CommandLine(new Control(context, action)));
    }
    return line;
  }

  private static String path(String workflow, String id) {
    return "/__cairn/workflows/" + AdminClient.encode(workflow) + (id == null ? "" : "/" + AdminClient.encode(id));
  }

  /** {@code status  [output or error]}, the way a person reads it. */
  static String describe(JsonNode state) {
    StringBuilder b = new StringBuilder(state.path("status").asText());
    if (state.has("output")) b.append("  output: ").append(state.path("output").asText());
    if (state.has("error")) b.append("  error[").append(state.path("error").path("name").asText()).append("]: ")
        .append(state.path("error").path("message").asText());
    return b.toString();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest instances of a workflow class, with their status.")
  static final class ListInstances implements Callable<Integer> {
    private final CliContext context;

    ListInstances(CliContext context) {
      this.context = context;
    }

    @Parameters(index = "0", paramLabel = "<workflow>", description = "The workflow's name in cairn.yaml.") String workflow;
    @Option(names = "--limit", paramLabel = "N", description = "At most N instances (default 100).") Integer limit;
    @Option(names = "--json", description = "Print JSON: {\"instances\":[...]}.") boolean json;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (AdminClient admin = data.admin(context)) {
        JsonNode doc = admin.call("GET", path(workflow, null) + (limit == null ? "" : "?limit=" + limit), "");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(doc);
        } else if (doc.path("instances").isEmpty()) {
          out.println("no instances of " + workflow);
        } else {
          for (JsonNode i : doc.path("instances")) {
            out.printf("%-28s %-24s %s%n", i.path("id").asText(), Instant.ofEpochMilli(i.path("startedAtMs").asLong()),
                describe(i.path("state")));
          }
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "One instance's status, and its output or error.")
  static final class Status implements Callable<Integer> {
    private final CliContext context;

    Status(CliContext context) {
      this.context = context;
    }

    @Parameters(index = "0", paramLabel = "<workflow>") String workflow;
    @Parameters(index = "1", paramLabel = "<instance-id>") String id;
    @Option(names = "--json", description = "Print the status as JSON.") boolean json;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (AdminClient admin = data.admin(context)) {
        JsonNode state = admin.call("GET", path(workflow, id), "");
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? state.toString() : describe(state));
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "send-event", mixinStandardHelpOptions = true, description = "Send an event to an instance (kept until a waitForEvent takes it).")
  static final class SendEvent implements Callable<Integer> {
    private final CliContext context;

    SendEvent(CliContext context) {
      this.context = context;
    }

    @Parameters(index = "0", paramLabel = "<workflow>") String workflow;
    @Parameters(index = "1", paramLabel = "<instance-id>") String id;
    @Option(names = "--type", required = true, paramLabel = "T", description = "The event's type, as waitForEvent's type option names it.") String type;
    @Option(names = "--payload", paramLabel = "JSON", description = "The event's payload, as JSON (default null).") String payload;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String json = payload == null ? "null" : payload;
      try {
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      } catch (java.io.IOException e) {
        throw CliException.badArgument("--payload", "not JSON: " + json);
      }
      try (AdminClient admin = data.admin(context)) {
        admin.call("POST", path(workflow, id) + "/events", "{\"type\":" + CliJson.write(type) + ",\"payload\":" + json + "}");
        spec.commandLine().getOut().println("sent " + type + " to " + workflow + " " + id);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** pause, resume, terminate, restart: one instance, no arguments. */
  @Command(mixinStandardHelpOptions = true, description = "Pause, resume, terminate or restart an instance.")
  static final class Control implements Callable<Integer> {
    private final CliContext context;
    private final String action;

    Control(CliContext context, String action) {
      this.context = context;
      this.action = action;
    }

    @Parameters(index = "0", paramLabel = "<workflow>") String workflow;
    @Parameters(index = "1", paramLabel = "<instance-id>") String id;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (AdminClient admin = data.admin(context)) {
        admin.call("POST", path(workflow, id) + "/" + action, "");
        JsonNode state = admin.call("GET", path(workflow, id), "");
        spec.commandLine().getOut().println(action + ": " + workflow + " " + id + " is now " + describe(state));
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
