package dev.cairn.server.manifest;

import dev.cairn.core.manifest.ManifestException;
import java.util.Map;
import java.util.Optional;

/** The entries of one YAML map, in declaration order, with required and optional lookups. */
record YamlMapping(YamlField owner, Map<String, YamlField> entries) {

  /** The value of {@code key}; missing is an error at the map's line that says what belongs there. */
  YamlField required(String key, String what) {
    var value = entries.get(key);
    if (value == null) {
      throw ManifestException.invalid(
          owner.source().file(), owner.keyLine(), owner.childPath(key), "missing; expected " + what);
    }
    return value;
  }

  /** The value of {@code key}, empty when the key is absent or its value is written as null. */
  Optional<YamlField> optional(String key) {
    return Optional.ofNullable(entries.get(key)).filter(value -> !value.isNull());
  }
}
