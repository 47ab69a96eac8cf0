package dev.cairn.server;

import dev.cairn.core.InvocationIds;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.route.OutboundPolicy;
import dev.cairn.core.route.Router;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.HostServices;
import dev.cairn.js.Invocation;
import dev.cairn.js.JsEngine;
import dev.cairn.js.RedirectMode;
import dev.cairn.js.ServiceRuntime;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One loaded version of an app: its services started, its router and outbound policy. Also the
 * Host's view of the outside world ({@link HostServices}): a {@code fetch} whose host names a
 * service stays in-process; any other host goes out only if the manifest allows it.
 */
public final class AppRuntime implements HostServices, AutoCloseable {
  private final Manifest manifest;
  private final Ports ports;
  private final RequestLog log;
  private final Router router;
  private final OutboundPolicy outbound;
  private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
  private volatile dev.cairn.server.capability.CapabilityHost capabilities;
  private dev.cairn.server.capability.Subscriptions subscriptions;

  private AppRuntime(Manifest manifest, Ports ports, RequestLog log) {
    this.manifest = manifest;
    this.ports = ports;
    this.log = log;
    Map<String, List<String>> routes = new LinkedHashMap<>();
    manifest.services().forEach((name, s) -> routes.put(name, s.routes()));
    this.router = new Router(routes);
    this.outbound = new OutboundPolicy(manifest.outboundAllow());
  }

  /** Starts every service of the manifest; on any failure the started ones are closed again. */
  public static AppRuntime start(Manifest manifest, JsEngine engine, Ports ports, RequestLog log) {
    return start(manifest, engine, ports, log, java.util.Optional.empty());
  }

  /** Starts the app, journaling its invocations into {@code journals} when given. */
  public static AppRuntime start(Manifest manifest, JsEngine engine, Ports ports, RequestLog log,
      java.util.Optional<dev.cairn.core.spi.JournalStore> journals) {
    for (ServiceSpec s : manifest.services().values()) {
      for (var b : s.bindings().entrySet()) {
        if (!(b.getValue() instanceof BindingSpec.Service) && !(b.getValue() instanceof BindingSpec.Capability)) {
          throw ServerException.notServedYet("services." + s.name() + ".bindings." + b.getKey()
              + ": " + kind(b.getValue()) + " bindings are not served by this version of Cairn yet");
        }
      }
    }
    AppRuntime app = new AppRuntime(manifest, ports, log);
    var recording = journals.map(store -> new ServiceRuntime.Recording(
        dev.cairn.server.journal.CodeVersion.of(manifest.appDir()), new dev.cairn.server.journal.StoredJournals(store, manifest, log)));
    try {
      for (ServiceSpec s : manifest.services().values()) {
        app.services.put(s.name(), ServiceRuntime.start(engine, manifest.appDir(), s, ports, app, recording));
      }
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  /**
   * Serves this app's capability bindings from {@code links} and starts its subscriptions. Called
   * once its services run, before it takes requests.
   */
  public synchronized void useCapabilities(dev.cairn.server.capability.CapabilityLinks links) {
    capabilities = new dev.cairn.server.capability.CapabilityHost(manifest, links);
    subscriptions = new dev.cairn.server.capability.Subscriptions(manifest, links, ports, log, services::get);
    subscriptions.start();
  }

  /** Stops taking subscribed messages (a newer version of the app takes them); those held are still handled. */
  public synchronized void stopSubscriptions() {
    if (subscriptions != null) subscriptions.stop();
  }

  @Override
  public CompletableFuture<dev.cairn.js.CapabilityReply> capability(Invocation from, dev.cairn.js.CapabilityCall call) {
    var host = capabilities;
    if (host == null) return dev.cairn.js.HostServices.super.capability(from, call);
    return host.call(from, call);
  }

  private static String kind(BindingSpec b) {
    return switch (b) {
      case BindingSpec.Service s -> "service";
      case BindingSpec.Entity e -> "entity";
      case BindingSpec.Workflow w -> "workflow";
      case BindingSpec.Capability c -> c.contract();
    };
  }

  public Manifest manifest() {
    return manifest;
  }

  public Router router() {
    return router;
  }

  public Optional<ServiceRuntime> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  public String newInvocationId() {
    return InvocationIds.next(ports.clock(), ports.entropy());
  }

  // ---- HostServices ----

  @Override
  public CompletableFuture<ResponseData> fetch(Invocation from, RequestData request, RedirectMode redirect) {
    return hop(from, request, redirect, 0);
  }

  /** One request of a fetch; a redirect is followed here, so its target passes the same checks. */
  private CompletableFuture<ResponseData> hop(Invocation from, RequestData request, RedirectMode redirect, int hops) {
    return send(from, request).thenCompose(response -> {
      String location = response.header("location");
      if (!Redirects.isRedirect(response.status()) || location == null || redirect == RedirectMode.MANUAL) {
        return CompletableFuture.completedFuture(response);
      }
      if (redirect == RedirectMode.ERROR) {
        return CompletableFuture.failedFuture(ServerException.redirectRefused(request.url(), location));
      }
      if (hops + 1 > RedirectMode.HOPS_MAX) {
        return CompletableFuture.failedFuture(ServerException.outboundFailed(request.url(),
            "more than " + RedirectMode.HOPS_MAX + " redirects"));
      }
      RequestData next;
      try {
        next = Redirects.follow(request, response.status(), location);
      } catch (IllegalArgumentException e) {
        return CompletableFuture.failedFuture(ServerException.outboundFailed(request.url(), e.getMessage()));
      }
      return hop(from, next, redirect, hops + 1);
    });
  }

  /** One request, no redirects: a service of this app when the host names one, else the allowed network. */
  private CompletableFuture<ResponseData> send(Invocation from, RequestData request) {
    URI url;
    try {
      url = new URI(request.url());
    } catch (URISyntaxException e) {
      return CompletableFuture.failedFuture(ServerException.badUrl(request.url()));
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return CompletableFuture.failedFuture(ServerException.badUrl(request.url()));
    }
    ServiceRuntime target = services.get(url.getHost().toLowerCase(java.util.Locale.ROOT));
    if (target != null) return target.fetch(newInvocationId(), request);
    if (!outbound.allows(url)) {
      return CompletableFuture.failedFuture(ServerException.outboundNotAllowed(request.url(), outbound.allowList()));
    }
    ServiceSpec caller = manifest.services().get(from.service());
    long bodyMax = caller.limits().bodyBytesMax();
    return ports.network().fetch(request, bodyMax, caller.limits().wallTimeMs())
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(ServerException.outboundFailed(request.url(),
            String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage()))));
  }

  @Override
  public CompletableFuture<ResponseData> serviceFetch(Invocation from, String service, RequestData request) {
    ServiceRuntime target = services.get(service);
    if (target == null) return CompletableFuture.failedFuture(ServerException.serviceNotFound(service));
    return target.fetch(newInvocationId(), request);
  }

  @Override
  public CompletableFuture<String> serviceRpc(Invocation from, String service, String method, String encodedArgs) {
    ServiceRuntime target = services.get(service);
    if (target == null) return CompletableFuture.failedFuture(ServerException.serviceNotFound(service));
    return target.rpc(newInvocationId(), method, encodedArgs);
  }

  @Override
  public CompletableFuture<Void> timer(Invocation from, long delayMs) {
    CompletableFuture<Void> fired = new CompletableFuture<>();
    var timer = ports.scheduler().schedule(delayMs, () -> fired.complete(null));
    fired.whenComplete((v, e) -> {
      if (fired.isCancelled()) timer.cancel();
    });
    return fired;
  }

  @Override
  public void log(Invocation from, String level, String text) {
    log.console(from == null ? "-" : from.service(), from == null ? "-" : from.id(), level, text);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (subscriptions != null) subscriptions.close();
    }
    for (ServiceRuntime s : services.values()) s.close();
  }
}
