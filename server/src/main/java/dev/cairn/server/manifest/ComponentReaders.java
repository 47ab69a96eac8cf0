package dev.cairn.server.manifest;

import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.ByteSizes;
import dev.cairn.core.Limits;
import dev.cairn.core.entity.InstanceLimits;
import dev.cairn.core.manifest.ClassSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sections services refer to: {@code entities:}, {@code workflows:}, {@code capabilities:} and {@code outbound:}. */
final class ComponentReaders {
  private static final List<String> CLASS_KEYS = List.of("module", "class", "bindings", "vars", "limits", "instances");
  private static final List<String> INSTANCE_KEYS =
      List.of("instancesMax", "cacheBytesMax", "idleMs", "alarmRetriesMax", "alarmRetryBaseMs");
  private static final List<String> OUTBOUND_KEYS = List.of("allow");

  private ComponentReaders() {}

  /** The names declared under {@code entities:} or {@code workflows:}, so bindings can refer to them before they are read. */
  static java.util.Set<String> classNames(YamlField section) {
    var names = new java.util.LinkedHashSet<String>();
    section.mapping("a map of names to { module, class }").entries().forEach((name, field) -> {
      Names.COMPONENT.check(field, name);
      names.add(name);
    });
    return names;
  }

  /**
   * {@code Name: { module: src/room.js, class: Room, bindings, vars, limits, instances }} entries,
   * for entities and workflows alike.
   */
  static Map<String, ClassSpec> classes(YamlField section, BindingReader bindingReader, Limits appLimits) {
    var result = new LinkedHashMap<String, ClassSpec>();
    section.mapping("a map of names to { module, class }").entries().forEach((name, field) -> {
      Names.COMPONENT.check(field, name);
      var spec = field.mapping("a map with module:, class: and optionally bindings, vars, limits, instances", CLASS_KEYS);
      var module = ModulePaths.check(spec.required("module", "the module path that exports the class, like src/room.js"));
      var classField = spec.required("class", "the name of the exported class, like Room");
      var className = classField.string();
      if (!className.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
        throw classField.invalid("expected a JavaScript class name, found \"" + className + "\"");
      }
      var bindings = spec.optional("bindings").map(f -> ServiceReader.bindings(bindingReader, f)).orElse(Map.of());
      var vars = spec.optional("vars").map(f -> ServiceReader.vars(f, bindings)).orElse(Map.of());
      var limits = spec.optional("limits").map(f -> LimitsReader.read(f, appLimits)).orElse(appLimits);
      var instances = spec.optional("instances").map(ComponentReaders::instances).orElse(InstanceLimits.DEFAULTS);
      result.put(name, new ClassSpec(name, module, className, bindings, vars, limits, instances));
    });
    return result;
  }

  /** {@code instances: { instancesMax, cacheBytesMax, idleMs, alarmRetriesMax, alarmRetryBaseMs }}, each optional. */
  private static InstanceLimits instances(YamlField field) {
    var limits = InstanceLimits.DEFAULTS;
    for (var entry : field.mapping("a map of instance limits", INSTANCE_KEYS).entries().entrySet()) {
      YamlField value = entry.getValue();
      long number = entry.getKey().equals("cacheBytesMax") && !value.isInteger()
          ? ByteSizes.parse(value.string()).orElseThrow(() -> value.invalid("expected " + ByteSizes.EXPECTED))
          : value.integer();
      try {
        limits = switch (entry.getKey()) {
          case "instancesMax" -> limits.withInstancesMax(number);
          case "cacheBytesMax" -> limits.withCacheBytesMax(number);
          case "idleMs" -> limits.withIdleMs(number);
          case "alarmRetriesMax" -> limits.withAlarmRetriesMax(number);
          default -> limits.withAlarmRetryBaseMs(number);
        };
      } catch (ArithmeticException | IllegalArgumentException e) {
        throw value.invalid("out of range: " + e.getMessage());
      }
    }
    return limits;
  }

  /** {@code name: { contract, provider, ...config }} entries; config values are strings. */
  static Map<String, CapabilitySpec> capabilities(YamlField section) {
    var result = new LinkedHashMap<String, CapabilitySpec>();
    section.mapping("a map of names to { contract, provider, ... }").entries().forEach((name, field) -> {
      Names.COMPONENT.check(field, name);
      var spec = field.mapping("a map with contract:, provider: and the provider's settings");
      var contractField = spec.required("contract", "one of " + String.join(", ", BindingReader.CONTRACTS));
      var contract = contractField.string();
      if (!BindingReader.CONTRACTS.contains(contract)) {
        throw contractField.invalid("expected one of " + String.join(", ", BindingReader.CONTRACTS) + ", found \"" + contract + "\"");
      }
      var providerField = spec.optional("provider");
      var provider = providerField.map(YamlField::string)
          .orElseGet(() -> dev.cairn.providers.Providers.defaultProvider(dev.cairn.core.capability.Contract.of(contract).orElseThrow()));
      try {
        dev.cairn.providers.Providers.check(name, contract, provider);
      } catch (dev.cairn.core.capability.CapabilityException e) {
        throw providerField.orElse(contractField).invalid(e.getMessage());
      }
      var config = new LinkedHashMap<String, String>();
      spec.entries().forEach((key, value) -> {
        if (!key.equals("contract") && !key.equals("provider")) config.put(key, value.string());
      });
      result.put(name, new CapabilitySpec(name, contract, provider, config));
    });
    return result;
  }

  /** {@code outbound: { allow: [hosts] }}: the hosts outbound fetch may reach. */
  static List<String> outboundAllow(YamlField section) {
    var allow = section.mapping("a map with allow:", OUTBOUND_KEYS).optional("allow");
    if (allow.isEmpty()) return List.of();
    return allow.get().list("a list of hosts").stream().map(RoutePatterns::outboundHost).toList();
  }
}
