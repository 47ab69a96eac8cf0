package dev.cairn.server.capability;

import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.ServiceRuntime;
import dev.cairn.server.RequestLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The {@code subscribe:} entries of one loaded app version, each a {@link SubscriptionDispatcher}. */
public final class Subscriptions implements AutoCloseable {
  private final List<SubscriptionDispatcher> dispatchers = new ArrayList<>();

  public Subscriptions(Manifest manifest, CapabilityLinks links, Ports ports, RequestLog log, Function<String, ServiceRuntime> services) {
    for (ServiceSpec s : manifest.services().values()) {
      for (var sub : s.subscribe().values()) {
        dispatchers.add(new SubscriptionDispatcher(manifest.app(), s.name(), sub, links.link(sub.capability()), ports, log,
            () -> services.apply(s.name())));
      }
    }
  }

  public void start() {
    dispatchers.forEach(SubscriptionDispatcher::start);
  }

  /** Stops taking new messages; those already held are still handled (see {@link SubscriptionDispatcher#stop}). */
  public void stop() {
    dispatchers.forEach(SubscriptionDispatcher::stop);
  }

  @Override
  public void close() {
    dispatchers.forEach(SubscriptionDispatcher::close);
  }
}
