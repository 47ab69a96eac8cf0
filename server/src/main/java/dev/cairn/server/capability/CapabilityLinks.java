package dev.cairn.server.capability;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Contract;
import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ManifestException;
import dev.cairn.core.spi.Ports;
import dev.cairn.providers.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node's links, one per declared capability, kept across app reloads. The manifest says what
 * each capability is linked to at start; {@link #set} and {@link #remove} relink at runtime (the
 * admin API, {@code cairn link}) without a redeploy. A runtime link lasts until the node stops, or
 * until the manifest's own declaration of that capability changes (then the manifest wins again).
 */
public final class CapabilityLinks implements AutoCloseable {
  private final Ports ports;
  private final Path dataDir;
  private final Consumer<String> log;
  private final Map<String, Link> links = new LinkedHashMap<>();
  private final Map<String, CapabilitySpec> declared = new LinkedHashMap<>();

  public CapabilityLinks(Ports ports, Path dataDir, Consumer<String> log) {
    this.ports = ports;
    this.dataDir = dataDir;
    this.log = log;
  }

  /**
   * Links what {@code manifest} declares: new capabilities and changed declarations are (re)linked,
   * capabilities no longer declared are closed. A setting that can never work fails with the
   * manifest's file and line; a provider that is down is retried in the background.
   */
  public synchronized void sync(Manifest manifest) {
    for (CapabilitySpec spec : manifest.capabilities().values()) {
      if (spec.equals(declared.get(spec.name())) && links.containsKey(spec.name())) continue;
      Contract contract = Providers.check(spec.name(), spec.contract(), spec.provider());
      Link link = links.get(spec.name());
      if (link != null && link.contract() != contract) {
        link.close();
        link = null;
      }
      if (link == null) link = new Link(spec.name(), contract, ports, dataDir, log);
      try {
        link.link(spec, "manifest", false);
      } catch (CapabilityException e) {
        String field = "capabilities." + spec.name();
        throw ManifestException.invalid(manifest.file(), manifest.line(field), field, e.getMessage());
      }
      links.put(spec.name(), link);
      declared.put(spec.name(), spec);
    }
    for (String name : List.copyOf(links.keySet())) {
      if (!manifest.capabilities().containsKey(name)) {
        links.remove(name).close();
        declared.remove(name);
      }
    }
  }

  /** Relinks {@code name} to {@code provider} with {@code config}; the new provider is open before any call reaches it. */
  public LinkStatus set(String name, String provider, Map<String, String> config) {
    Link link = link(name);
    Providers.check(name, link.contract().id(), provider);
    synchronized (link) {
      link.link(new CapabilitySpec(name, link.contract().id(), provider, config), "runtime", true);
    }
    log.accept("capability " + name + " linked to " + provider);
    return link.status();
  }

  /** Removes {@code name}'s link: calls fail with {@code capability_unlinked} until it is set again. */
  public LinkStatus remove(String name) {
    Link link = link(name);
    link.unlink();
    log.accept("capability " + name + " unlinked");
    return link.status();
  }

  public synchronized List<LinkStatus> list() {
    List<LinkStatus> out = new ArrayList<>();
    for (Link l : links.values()) out.add(l.status());
    return out;
  }

  public synchronized Link link(String name) {
    return Optional.ofNullable(links.get(name)).orElseThrow(() -> CapabilityException.notFound(name, String.join(", ", links.keySet())));
  }

  @Override
  public synchronized void close() {
    links.values().forEach(Link::close);
    links.clear();
    declared.clear();
  }
}
