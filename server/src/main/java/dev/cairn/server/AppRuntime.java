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
  private final Map<String, dev.cairn.js.EntityRuntime> entities = new LinkedHashMap<>();
  private final Map<String, dev.cairn.server.workflow.WorkflowEngine> workflows = new LinkedHashMap<>();
  private final java.util.List<AutoCloseable> workflowContexts = new java.util.ArrayList<>();
  private dev.cairn.js.AlarmRunner alarms;
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

  /** Starts the app, journaling its invocations into {@code journals} when given; no entities. */
  public static AppRuntime start(Manifest manifest, JsEngine engine, Ports ports, RequestLog log,
      java.util.Optional<dev.cairn.core.spi.JournalStore> journals) {
    return start(manifest, engine, ports, log, journals, java.util.Optional.empty());
  }

  /**
   * Starts the app: its services, and its entity classes on {@code entityStore} (required when the
   * manifest declares entities), with their alarms.
   */
  public static AppRuntime start(Manifest manifest, JsEngine engine, Ports ports, RequestLog log,
      java.util.Optional<dev.cairn.core.spi.JournalStore> journals, java.util.Optional<dev.cairn.core.spi.EntityStore> entityStore) {
    for (ServiceSpec s : manifest.services().values()) refuseUnserved("services." + s.name(), s.bindings());
    for (var e : manifest.entities().values()) refuseUnserved("entities." + e.name(), e.bindings());
    for (var w : manifest.workflows().values()) refuseUnserved("workflows." + w.name(), w.bindings());
    if ((!manifest.entities().isEmpty() || !manifest.workflows().isEmpty()) && entityStore.isEmpty()) {
      throw ServerException.startFailed("the app declares entities or workflows, but no entity store was given");
    }
    if (!manifest.workflows().isEmpty() && journals.isEmpty()) {
      throw ServerException.startFailed("the app declares workflows, but no journal store was given");
    }
    AppRuntime app = new AppRuntime(manifest, ports, log);
    var recording = journals.map(store -> new ServiceRuntime.Recording(
        dev.cairn.server.journal.CodeVersion.of(manifest.appDir()), new dev.cairn.server.journal.StoredJournals(store, manifest, log)));
    try {
      for (ServiceSpec s : manifest.services().values()) {
        // record: none keeps nothing, so nothing is recorded: an entry made only to be dropped costs
        // the loop microseconds per host call. (Entities record whatever it says: their journal is kept.)
        var recorded = s.record() instanceof dev.cairn.core.manifest.RecordPolicy.None ? java.util.Optional.<ServiceRuntime.Recording>empty() : recording;
        app.services.put(s.name(), ServiceRuntime.start(engine, manifest.appDir(), s, ports, app, recorded));
      }
      for (var e : manifest.entities().values()) {
        app.entities.put(e.name(), dev.cairn.js.EntityRuntime.start(engine, manifest.appDir(), e, ports, app, entityStore.get(), recording));
      }
      String codeVersion = dev.cairn.server.journal.CodeVersion.of(manifest.appDir());
      java.nio.file.Path dataDir = manifest.appDir().resolve(".cairn");
      if (!manifest.workflows().isEmpty()) dev.cairn.server.workflow.WorkflowEngine.keepCode(manifest.appDir(), dataDir, codeVersion);
      for (var w : manifest.workflows().values()) {
        var wf = new dev.cairn.server.workflow.WorkflowEngine(w, app.contextsFor(w, engine, ports),
            entityStore.get(), journals.get(), app, ports, codeVersion, dev.cairn.core.workflow.WorkflowLimits.DEFAULTS);
        wf.olderCode(version -> app.olderContexts(w.name(), version, dataDir, engine, ports));
        app.workflows.put(w.name(), wf);
      }
      if (!app.entities.isEmpty() || !app.workflows.isEmpty()) {
        Map<String, dev.cairn.js.AlarmTarget> targets = new LinkedHashMap<>(app.entities);
        app.workflows.values().forEach(wf -> targets.put(wf.namespace(), wf));
        app.alarms = new dev.cairn.js.AlarmRunner(entityStore.get(), ports, targets, app);
        app.alarms.start();
        if (!app.workflows.isEmpty()) {
          var due = app.alarms.dueBy(ports.clock().nowMs() + dev.cairn.server.workflow.WorkflowEngine.RECOVERY_HORIZON_MS,
              "workflow:", 100_000);
          app.workflows.values().forEach(wf -> wf.recover(due));
        }
      }
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  /**
   * Where a workflow's runs execute: the contexts of a service with the same module, as a Workflow
   * runs in its Worker's isolate (when the workflow declares no env of its own), else its own.
   */
  private dev.cairn.js.WorkflowRunner contextsFor(dev.cairn.core.manifest.ClassSpec w, JsEngine engine, Ports ports) {
    if (w.bindings().isEmpty() && w.vars().isEmpty()) {
      for (ServiceRuntime s : services.values()) {
        if (s.spec().module().equals(w.module())) return s;
      }
    }
    var own = dev.cairn.js.WorkflowContexts.start(engine, manifest.appDir(), w, ports, this);
    workflowContexts.add(own);
    return own;
  }

  private final Map<String, java.util.Optional<dev.cairn.js.WorkflowRunner>> older = new java.util.concurrent.ConcurrentHashMap<>();

  /** Contexts of workflow {@code name} at an older kept code version, loaded once (empty when not kept or gone). */
  private java.util.Optional<dev.cairn.js.WorkflowRunner> olderContexts(String name, String version, java.nio.file.Path dataDir,
      JsEngine engine, Ports ports) {
    return older.computeIfAbsent(name + "@" + version, k -> {
      var dir = dev.cairn.server.workflow.WorkflowEngine.keptCode(dataDir, version);
      if (dir.isEmpty()) return java.util.Optional.empty();
      try {
        var spec = dev.cairn.server.manifest.ManifestLoader.load(dir.get()).workflows().get(name);
        if (spec == null) return java.util.Optional.empty();
        var contexts = dev.cairn.js.WorkflowContexts.start(engine, dir.get(), spec, ports, this);
        synchronized (workflowContexts) {
          workflowContexts.add(contexts);
        }
        return java.util.Optional.of(contexts);
      } catch (dev.cairn.core.CairnException e) {
        log.error("-", "-", e.code(), "the kept code " + version + " of workflow " + name + " does not load: " + e.getMessage(), "");
        return java.util.Optional.empty();
      }
    });
  }

  /** Bindings of a kind this version does not serve are refused clearly. */
  private static void refuseUnserved(String where, Map<String, BindingSpec> bindings) {
    for (var b : bindings.entrySet()) {
      if (b.getValue() instanceof BindingSpec.Service || b.getValue() instanceof BindingSpec.Entity
          || b.getValue() instanceof BindingSpec.Workflow || b.getValue() instanceof BindingSpec.Capability) continue;
      throw ServerException.notServedYet(where + ".bindings." + b.getKey()
          + ": " + kind(b.getValue()) + " bindings are not served by this version of Cairn yet");
    }
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

  public Optional<dev.cairn.js.EntityRuntime> entity(String name) {
    return Optional.ofNullable(entities.get(name));
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
  public CompletableFuture<ResponseData> entityFetch(Invocation from, String namespace, String id, String name, RequestData request) {
    var target = entities.get(namespace);
    if (target == null) return CompletableFuture.failedFuture(ServerException.entityNotFound(namespace));
    return target.fetch(newInvocationId(), id, name, request);
  }

  @Override
  public CompletableFuture<String> entityRpc(Invocation from, String namespace, String id, String name, String method,
      String encodedArgs) {
    var target = entities.get(namespace);
    if (target == null) return CompletableFuture.failedFuture(ServerException.entityNotFound(namespace));
    return target.rpc(newInvocationId(), id, name, method, encodedArgs);
  }

  @Override
  public CompletableFuture<String> workflowCreate(Invocation from, String workflow, String id, String encodedParams) {
    var engine = workflows.get(workflow);
    if (engine == null) return CompletableFuture.failedFuture(dev.cairn.server.workflow.WorkflowException.unknownClass(workflow));
    return engine.create(id, encodedParams);
  }

  @Override
  public CompletableFuture<String> workflowControl(Invocation from, String workflow, String id, String action, String argJson) {
    var engine = workflows.get(workflow);
    if (engine == null) return CompletableFuture.failedFuture(dev.cairn.server.workflow.WorkflowException.unknownClass(workflow));
    return engine.control(id, action, argJson);
  }

  public Optional<dev.cairn.server.workflow.WorkflowEngine> workflow(String name) {
    return Optional.ofNullable(workflows.get(name));
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
    if (alarms != null) alarms.close();
    workflows.values().forEach(dev.cairn.server.workflow.WorkflowEngine::close);
    synchronized (this) {
      if (subscriptions != null) subscriptions.close();
    }
    for (ServiceRuntime s : services.values()) s.close();
    for (var e : entities.values()) e.close();
    for (AutoCloseable c : workflowContexts) {
      try {
        c.close();
      } catch (Exception e) {
        log.error("-", "-", "internal_error", "closing workflow contexts: " + e, "");
      }
    }
  }
}
