package dev.cairn.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable copies of maps that keep declaration order. {@link Map#copyOf} would lose it, and the
 * order a user wrote services, bindings and vars in is what tools should show them in.
 */
final class OrderedMaps {
  private OrderedMaps() {}

  /** An unmodifiable, insertion-ordered copy; like {@link Map#copyOf} it refuses null keys and values. */
  static <K, V> Map<K, V> copyOf(Map<K, V> map) {
    var copy = new LinkedHashMap<K, V>(map.size() * 2);
    map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
    return Collections.unmodifiableMap(copy);
  }
}
