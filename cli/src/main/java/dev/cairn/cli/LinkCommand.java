package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn link set|remove|list}: the capability links of a running app, changed live through
 * its admin API ({@code --app DIR} finds the server the app's node wrote down, {@code --server URL}
 * names one).
 */
@Command(name = "link", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "set | remove | list",
    description = "Show or change which provider serves each capability of a running app, without a redeploy.")
final class LinkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USER_ERROR;
  }

  /** {@code link} with its three commands, each given the context it reads the token from. */
  static picocli.CommandLine commandLine(CliContext context) {
    return new picocli.CommandLine(new LinkCommand()).addSubcommand(new Set(context)).addSubcommand(new Remove(context))
        .addSubcommand(new ListLinks(context));
  }

  static void print(PrintWriter out, JsonNode link) {
    StringBuilder config = new StringBuilder();
    link.path("config").fields().forEachRemaining(e -> config.append(config.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asText()));
    out.printf("%-12s %-10s %-9s %-11s %-8s %s%s%n", link.path("name").asText(), link.path("contract").asText(),
        link.path("provider").asText().isEmpty() ? "-" : link.path("provider").asText(), link.path("state").asText(),
        link.path("source").asText(), config.isEmpty() ? "" : config + "  ",
        link.path("error").asText().isEmpty() ? "" : "error: " + link.path("error").asText());
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Link a capability to a provider now; calls in flight finish on the old one.")
  static final class Set implements Callable<Integer> {
    private final CliContext context;

    Set(CliContext context) {
      this.context = context;
    }

    @Parameters(index = "0", paramLabel = "<name>", description = "The capability's name in cairn.yaml.") String name;

    @Option(names = "--provider", required = true, paramLabel = "P", description = "sqlite, redis, postgres; inproc, nats, amqp, mqtt; fs; jdk.")
    String provider;

    @Option(names = "--url", paramLabel = "U", description = "The provider's url setting, e.g. redis://127.0.0.1:6379.") String url;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Another provider setting (repeatable), e.g. --set namespace=chat.")
    List<String> settings = List.of();

    @Option(names = "--json", description = "Print the new link as JSON.") boolean json;

    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, String> config = new LinkedHashMap<>();
      if (url != null) config.put("url", url);
      for (String s : settings) {
        int eq = s.indexOf('=');
        if (eq <= 0) throw CliException.badArgument("--set", "expected KEY=VALUE, found \"" + s + "\"");
        config.put(s.substring(0, eq), s.substring(eq + 1));
      }
      String body = CliJson.write(Map.of("provider", provider, "config", config));
      try (AdminClient admin = data.admin(context)) {
        JsonNode link = admin.call("PUT", "/__cairn/links/" + AdminClient.encode(name), body);
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(link);
        else print(out, link);
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Unlink a capability: its calls fail with capability_unlinked (retryable) until it is set again.")
  static final class Remove implements Callable<Integer> {
    private final CliContext context;

    Remove(CliContext context) {
      this.context = context;
    }

    @Parameters(index = "0", paramLabel = "<name>") String name;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (AdminClient admin = data.admin(context)) {
        print(spec.commandLine().getOut(), admin.call("DELETE", "/__cairn/links/" + AdminClient.encode(name), ""));
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every link: provider, health, where it came from.")
  static final class ListLinks implements Callable<Integer> {
    private final CliContext context;

    ListLinks(CliContext context) {
      this.context = context;
    }

    @Option(names = "--json", description = "Print JSON: {\"links\":[...]}.") boolean json;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (AdminClient admin = data.admin(context)) {
        JsonNode doc = admin.call("GET", "/__cairn/links", "");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(doc);
        } else {
          out.printf("%-12s %-10s %-9s %-11s %-8s %s%n", "NAME", "CONTRACT", "PROVIDER", "STATE", "SOURCE", "CONFIG");
          for (JsonNode l : doc.path("links")) print(out, l);
        }
        out.flush();
      }
      return 0;
    }
  }
}
