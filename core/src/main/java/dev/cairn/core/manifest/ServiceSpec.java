package dev.cairn.core.manifest;

import dev.cairn.core.Limits;
import java.util.List;
import java.util.Map;

/**
 * One stateless service.
 *
 * @param name the service's name; {@code fetch("http://<name>/...")} reaches it in-process
 * @param module module path relative to the app folder, e.g. {@code src/api.js}
 * @param routes route patterns {@code [host]/path}, path may end in {@code *}, host may start with
 *     {@code *.}; e.g. {@code /api/*}, {@code api.example.com/*}
 * @param cron standard five-field cron expressions (or {@code @hourly} etc.) that run {@code scheduled}
 * @param bindings {@code env} bindings by name, in declaration order
 * @param vars plain values put on {@code env}, in declaration order: {@code String}, {@code Long}, {@code
 *     Double}, {@code Boolean}, or unmodifiable {@code List}s and {@code Map}s of those
 * @param limits this service's limits (app-wide limits with this service's overrides applied)
 * @param record which invocations keep their journal
 * @param subscribe messaging subscriptions whose messages reach the {@code message} handler, by capability name
 */
public record ServiceSpec(
    String name,
    String module,
    List<String> routes,
    List<String> cron,
    Map<String, BindingSpec> bindings,
    Map<String, Object> vars,
    Limits limits,
    RecordPolicy record,
    Map<String, SubscriptionSpec> subscribe) {

  public ServiceSpec(String name, String module, List<String> routes, List<String> cron, Map<String, BindingSpec> bindings,
      Map<String, Object> vars, Limits limits, RecordPolicy record) {
    this(name, module, routes, cron, bindings, vars, limits, record, Map.of());
  }

  public ServiceSpec(String name, String module, List<String> routes, List<String> cron, Map<String, BindingSpec> bindings,
      Map<String, Object> vars, Limits limits) {
    this(name, module, routes, cron, bindings, vars, limits, RecordPolicy.ALL);
  }

  public ServiceSpec {
    routes = List.copyOf(routes);
    cron = List.copyOf(cron);
    bindings = OrderedMaps.copyOf(bindings);
    vars = OrderedMaps.copyOf(vars);
    subscribe = OrderedMaps.copyOf(subscribe);
  }
}
