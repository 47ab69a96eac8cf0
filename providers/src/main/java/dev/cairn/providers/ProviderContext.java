package dev.cairn.providers;

import dev.cairn.core.ByteSizes;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.Ports;
import dev.cairn.core.spi.Scheduler;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a provider is opened with: the capability's name and settings (the manifest's or a link's,
 * as strings), and the runtime's ports — providers read time from {@code clock} and run blocking
 * work on {@code scheduler}, never on threads of their own (client libraries may keep theirs).
 *
 * @param capability the capability's name (for errors and default namespaces)
 * @param provider the provider's name
 * @param config settings besides contract and provider, e.g. {@code url}
 * @param ports the runtime's clock, scheduler and network
 * @param dataDir the node's data folder, for providers that keep files
 */
public record ProviderContext(String capability, String provider, Map<String, String> config, Ports ports, Path dataDir) {
  public ProviderContext {
    config = Map.copyOf(config);
  }

  public Clock clock() {
    return ports.clock();
  }

  public Scheduler scheduler() {
    return ports.scheduler();
  }

  /** Fails with {@code capability_bad_config} on a setting the provider does not know (a typo is never ignored). */
  public void allowOnly(Set<String> known) {
    for (String key : config.keySet()) {
      if (!known.contains(key)) {
        throw CapabilityException.badConfig(capability, provider, key, "unknown setting; " + provider + " takes "
            + (known.isEmpty() ? "none" : String.join(", ", known.stream().sorted().toList())));
      }
    }
  }

  public String string(String key, String fallback) {
    String v = config.get(key);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  /** A size setting ("8MiB", "1000000"), at least 1 and at most {@code max} (what the provider can hold). */
  public long bytes(String key, long fallback, long max) {
    String text = config.get(key);
    if (text == null) return Math.min(fallback, max);
    long v = ByteSizes.parse(text).orElseThrow(() -> CapabilityException.badConfig(capability, provider, key,
        "expected " + ByteSizes.EXPECTED + ", found \"" + text + "\""));
    if (v < 1 || v > max) {
      throw CapabilityException.badConfig(capability, provider, key, v + " bytes is more than " + provider + " can hold (at most " + max + ")");
    }
    return v;
  }

  public int integer(String key, int fallback, int min, int max) {
    String text = config.get(key);
    if (text == null) return fallback;
    try {
      int v = Integer.parseInt(text.strip());
      if (v < min || v > max) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw CapabilityException.badConfig(capability, provider, key, "expected a whole number in " + min + ".." + max + ", found \"" + text + "\"");
    }
  }

  /** The {@code url} setting, parsed, with one of {@code schemes}; the default when absent. */
  public URI url(String fallback, List<String> schemes) {
    String text = string("url", fallback);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw CapabilityException.badConfig(capability, provider, "url", "\"" + text + "\" is not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
      throw CapabilityException.badConfig(capability, provider, "url", "expected " + String.join(" or ", schemes.stream().map(s -> s + "://host:port").toList())
          + ", found \"" + text + "\"");
    }
    return uri;
  }

  /** A name usable in keys, tables and queue names: the {@code namespace} setting, else the capability's name. */
  public String namespace() {
    String ns = string("namespace", capability);
    if (!ns.matches("[A-Za-z0-9_-]{1,64}")) {
      throw CapabilityException.badConfig(capability, provider, "namespace", "expected 1-64 letters, digits, _ or -, found \"" + ns + "\"");
    }
    return ns;
  }

  public CapabilityException unavailable(String why, Throwable cause) {
    return CapabilityException.unavailable(capability, provider, why, cause);
  }
}
