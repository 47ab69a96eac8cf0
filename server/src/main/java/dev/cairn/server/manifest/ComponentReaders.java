package dev.cairn.server.manifest;

import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.manifest.ClassSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sections services refer to: {@code entities:}, {@code workflows:}, {@code capabilities:} and {@code outbound:}. */
final class ComponentReaders {
  private static final List<String> CLASS_KEYS = List.of("module", "class");
  private static final List<String> OUTBOUND_KEYS = List.of("allow");

  private ComponentReaders() {}

  /** {@code Name: { module: src/room.js, class: Room }} entries, for entities and workflows alike. */
  static Map<String, ClassSpec> classes(YamlField section) {
    var result = new LinkedHashMap<String, ClassSpec>();
    section.mapping("a map of names to { module, class }").entries().forEach((name, field) -> {
      Names.COMPONENT.check(field, name);
      var spec = field.mapping("a map with module: and class:", CLASS_KEYS);
      var module = ModulePaths.check(spec.required("module", "the module path that exports the class, like src/room.js"));
      var classField = spec.required("class", "the name of the exported class, like Room");
      var className = classField.string();
      if (!className.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
        throw classField.invalid("expected a JavaScript class name, found \"" + className + "\"");
      }
      result.put(name, new ClassSpec(name, module, className));
    });
    return result;
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
