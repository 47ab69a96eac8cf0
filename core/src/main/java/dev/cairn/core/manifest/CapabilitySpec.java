package dev.cairn.core.manifest;

import java.util.Map;

/** A capability link: {@code { contract: kv, provider: redis, url: ... }}; other keys in {@code config}, in declaration order. */
public record CapabilitySpec(String name, String contract, String provider, Map<String, String> config) {
  public CapabilitySpec {
    config = OrderedMaps.copyOf(config);
  }
}
