package dev.cairn.server.manifest;

import dev.cairn.core.Limits;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.RecordPolicy;
import dev.cairn.core.manifest.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry under {@code services:}. Also keeps the routes of the services read so far: two services
 * claiming the same route would leave the router to guess, so the second one is an error.
 */
final class ServiceReader {
  private static final List<String> KEYS = List.of("module", "routes", "cron", "bindings", "vars", "limits", "record", "subscribe");

  private final BindingReader bindings;
  private final Limits appLimits;
  private final Map<String, YamlField> routesSeen = new HashMap<>();

  ServiceReader(BindingReader bindings, Limits appLimits) {
    this.bindings = bindings;
    this.appLimits = appLimits;
  }

  ServiceSpec read(String name, YamlField field) {
    var service = field.mapping("a map with module: and optionally " + String.join(", ", KEYS.subList(1, KEYS.size())), KEYS);
    var module = ModulePaths.check(service.required("module", "the service's module path, like src/api.js"));
    var routes = service.optional("routes").map(this::routes).orElse(List.of());
    var cron = service.optional("cron").map(this::cron).orElse(List.of());
    var bindingsByName = service.optional("bindings").map(f -> bindings(bindings, f)).orElse(Map.of());
    var vars = service.optional("vars").map(value -> vars(value, bindingsByName)).orElse(Map.of());
    var limits = service.optional("limits").map(value -> LimitsReader.read(value, appLimits)).orElse(appLimits);
    var record = service.optional("record").map(ServiceReader::record).orElse(RecordPolicy.ALL);
    var subscribe = service.optional("subscribe").map(value -> SubscriptionReader.read(value, bindings.capabilities())).orElse(Map.of());
    return new ServiceSpec(name, module, routes, cron, bindingsByName, vars, limits, record, subscribe);
  }

  /** {@code all | errors | none | { sample: 0.01 }}. */
  private static RecordPolicy record(YamlField field) {
    String what = "all, errors, none or { sample: <fraction between 0 and 1> }";
    if (field.isScalar()) {
      return switch (field.string()) {
        case "all" -> RecordPolicy.ALL;
        case "errors" -> new RecordPolicy.Errors();
        case "none" -> new RecordPolicy.None();
        default -> throw field.expected(what);
      };
    }
    var sample = field.mapping(what, List.of("sample")).required("sample", "a fraction between 0 and 1");
    double fraction;
    try {
      fraction = Double.parseDouble(sample.string());
    } catch (NumberFormatException e) {
      throw sample.expected("a fraction between 0 and 1");
    }
    if (!(fraction >= 0 && fraction <= 1)) throw sample.invalid("expected a fraction between 0 and 1, found " + fraction);
    return new RecordPolicy.Sample(fraction);
  }

  /** Each entry must parse as a cron expression; the error names the entry's line. */
  private List<String> cron(YamlField field) {
    var out = new ArrayList<String>();
    for (YamlField item : field.list("a list of strings")) {
      String text = item.string();
      try {
        dev.cairn.core.cron.CronExpression.parse(text);
      } catch (dev.cairn.core.cron.CronException e) {
        throw item.invalid(e.getMessage());
      }
      out.add(text);
    }
    return out;
  }

  private List<String> routes(YamlField field) {
    var routes = new ArrayList<String>();
    for (var item : field.list("a list of route patterns")) {
      var route = RoutePatterns.route(item);
      var earlier = routesSeen.putIfAbsent(route, item);
      if (earlier != null) {
        throw item.invalid("expected each route once, found \"" + route + "\" already declared at " + earlier.path() + " (line " + earlier.line() + ")");
      }
      routes.add(route);
    }
    return routes;
  }

  /** {@code bindings:} of a service, an entity or a workflow. */
  static Map<String, BindingSpec> bindings(BindingReader bindings, YamlField field) {
    var result = new LinkedHashMap<String, BindingSpec>();
    field.mapping("a map of binding names to { service | entity | workflow | kv | messaging | blob | http: name }")
        .entries()
        .forEach((name, value) -> {
          Names.IDENTIFIER.check(value, name);
          result.put(name, bindings.read(value));
        });
    return result;
  }

  /** {@code vars:} of a service, an entity or a workflow; a name may not also be a binding. */
  static Map<String, Object> vars(YamlField field, Map<String, BindingSpec> bindings) {
    var result = new LinkedHashMap<String, Object>();
    field.mapping("a map of names to values").entries().forEach((name, value) -> {
      if (bindings.containsKey(name)) {
        throw value.invalidKey("expected a name not used by a binding; \"" + name + "\" is also a binding here, and env holds one value per name");
      }
      result.put(name, value.plainValue());
    });
    return result;
  }
}
