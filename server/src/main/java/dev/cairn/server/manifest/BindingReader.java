package dev.cairn.server.manifest;

import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.manifest.ClassSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One {@code env} binding, {@code { <kind>: <target> }}, checked against what the app declares: a
 * binding to something that is not there fails at load, not at the first request that uses it.
 *
 * @param services names of the app's services
 * @param entities the app's entities by name
 * @param workflows the app's workflows by name
 * @param capabilities the app's capabilities by name
 */
record BindingReader(
    Set<String> services,
    Set<String> entities,
    Set<String> workflows,
    Map<String, CapabilitySpec> capabilities) {

  /** The capability contracts; a binding names one of them as its kind: {@code { kv: main }}. */
  static final List<String> CONTRACTS = List.of("kv", "messaging", "blob", "http");

  private static final List<String> KINDS =
      Stream.concat(Stream.of("service", "entity", "workflow"), CONTRACTS.stream()).toList();

  BindingSpec read(YamlField field) {
    var entries = field.mapping("a map with one key, one of " + String.join(", ", KINDS), KINDS).entries();
    if (entries.size() != 1) {
      throw field.invalid("expected exactly one of " + String.join(", ", KINDS) + ", found " + entries.size() + " keys");
    }
    var entry = entries.entrySet().iterator().next();
    var kind = entry.getKey();
    var target = entry.getValue();
    var name = target.string();
    return switch (kind) {
      case "service" -> {
        if (!services.contains(name)) throw target.unresolved("no service named \"" + name + "\"; services are: " + String.join(", ", services));
        yield new BindingSpec.Service(name);
      }
      case "entity" -> {
        if (!entities.contains(name)) throw target.unresolved("no entity named \"" + name + "\" under entities:" + known(entities));
        yield new BindingSpec.Entity(name);
      }
      case "workflow" -> {
        if (!workflows.contains(name)) throw target.unresolved("no workflow named \"" + name + "\" under workflows:" + known(workflows));
        yield new BindingSpec.Workflow(name);
      }
      default -> {
        var capability = capabilities.get(name);
        if (capability == null) throw target.unresolved("no capability named \"" + name + "\" under capabilities:" + known(capabilities.keySet()));
        if (!capability.contract().equals(kind)) {
          throw target.invalid("expected a capability with contract " + kind + ", found \"" + name + "\" with contract " + capability.contract());
        }
        yield new BindingSpec.Capability(kind, name);
      }
    };
  }

  private static String known(Set<String> names) {
    return names.isEmpty() ? " (none declared)" : " (declared: " + String.join(", ", names) + ")";
  }
}
