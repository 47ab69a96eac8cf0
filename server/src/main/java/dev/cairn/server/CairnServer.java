package dev.cairn.server;

import dev.cairn.core.CairnException;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.JsEngine;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.spi.Storage;
import dev.cairn.server.cron.CronRunner;
import dev.cairn.server.gateway.Gateway;
import dev.cairn.store.SqliteStorage;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.cairn.server.manifest.ManifestLoader;
import dev.cairn.server.ports.system.HttpClientNetwork;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.ports.system.SystemEntropy;
import dev.cairn.server.ports.system.ThreadScheduler;
import java.util.concurrent.CountDownLatch;

/**
 * A running Cairn node serving one app. {@link #start(ServerOptions)} returns once the gateway
 * listens; {@link #close()} stops it. In dev mode a watcher reloads the app when its files change.
 */
public final class CairnServer implements AutoCloseable {
  private final ServerOptions options;
  private final ThreadScheduler scheduler;
  private final HttpClientNetwork network;
  private final Ports ports;
  private final JsEngine engine;
  private final RequestLog log;
  private final AppHolder app;
  private final Gateway gateway;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private DevWatcher watcher;
  private Storage storage;
  private dev.cairn.core.spi.JournalStore journals;
  private dev.cairn.core.spi.EntityStore entities;
  private dev.cairn.server.journal.LocalReplayService replays;
  private CronRunner cron;
  private dev.cairn.server.capability.CapabilityLinks links;

  private CairnServer(ServerOptions options) {
    this.options = options;
    this.scheduler = new ThreadScheduler();
    this.network = new HttpClientNetwork();
    this.ports = new Ports(SystemClock.INSTANCE, new SystemEntropy(), scheduler, network);
    this.log = RequestLog.buffered(!options.dev(), System.out, ports.clock(), scheduler, RequestLog.FLUSH_MS_DEFAULT);
    this.engine = new JsEngine();
    this.app = new AppHolder();
    this.gateway = new Gateway(options.host(), options.port(), app::current, log, ports.clock(), options.dev());
  }

  /**
   * Loads the app, starts its services and the HTTP gateway.
   *
   * @throws CairnException for a bad manifest or a module that does not load (the message says where)
   */
  public static CairnServer start(ServerOptions options) {
    CairnServer s = new CairnServer(options);
    try {
      s.storage = openStorage(options);
      s.journals = dev.cairn.server.ports.system.FaultInjection.haltAfterAppends(
          dev.cairn.store.journal.SqliteJournalStore.open(options.dataDir().resolve("journal.db"), s.scheduler));
      var entityStore = dev.cairn.store.entity.SqliteEntityStore.open(options.dataDir().resolve("entities.db"), s.scheduler);
      dev.cairn.server.ports.system.FaultInjection.entityCommitDelay().ifPresent(entityStore::beforeEachCommit);
      s.entities = entityStore;
      s.links = new dev.cairn.server.capability.CapabilityLinks(s.ports, options.dataDir(), s.log::info);
      s.app.swap(s.loadApp());
      s.startCron();
      s.replays = new dev.cairn.server.journal.LocalReplayService(options.appDir(), s.journals, s.engine, s.scheduler);
      s.gateway.mountAdmin(new dev.cairn.server.admin.AdminHandler(s.journals, s.replays, s.ports.clock(),
          dev.cairn.server.ports.system.AdminTokens.loadOrCreate(options.dataDir())).withLinks(s.links)
          .withWorkflows(name -> s.app.current().workflow(name)), s.scheduler::executeBlocking);
      s.gateway.start();
      ServerUrlFile.write(options.dataDir(), options.host(), s.gateway.port());
      s.scheduleRetention();
      if (options.dev()) s.watcher = DevWatcher.start(options.appDir(), s.ports, s.log, s::reload);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private static Storage openStorage(ServerOptions options) {
    try {
      Files.createDirectories(options.dataDir());
    } catch (java.io.IOException e) {
      throw ServerException.startFailed("cannot create the data folder " + options.dataDir() + ": " + e.getMessage());
    }
    return SqliteStorage.open(options.dataDir().resolve("cairn.db"));
  }

  /**
   * Starts cron for the app being served, or hands a reloaded app's expressions to the running
   * runner (which lets a slot running meanwhile finish and record itself: a reload never fires a
   * slot twice). The runner's durable records carry fires across restarts.
   */
  private synchronized void startCron() {
    AppRuntime current = app.current();
    Map<String, List<String>> byService = new LinkedHashMap<>();
    for (ServiceSpec s : current.manifest().services().values()) byService.put(s.name(), s.cron());
    if (cron != null) {
      cron.reconfigure(byService);
      return;
    }
    cron = new CronRunner(ports.clock(), ports.scheduler(), storage, (service, expr, timeMs) -> {
      AppRuntime a = app.current();
      String id = a.newInvocationId();
      return a.service(service).orElseThrow().scheduled(id, expr, timeMs).handle((v, err) -> {
        if (err != null) {
          var e = dev.cairn.server.gateway.Gateway.unwrap(err);
          log.error(service, id, e.code(), "scheduled (" + expr + ") failed: " + e.getMessage(),
              e instanceof dev.cairn.js.JsException js ? js.jsStack() : "");
        } else {
          log.info("scheduled " + service + " (" + expr + ") ran, invocation " + id);
        }
        return null;
      });
    }, log::node);
    cron.start(byService);
  }

  private AppRuntime loadApp() {
    Manifest manifest = ManifestLoader.load(options.appDir());
    dev.cairn.server.signing.ModuleVerifier.verify(manifest, options.signing(), ports.clock());
    links.sync(manifest);
    AppRuntime started = AppRuntime.start(manifest, engine, ports, log, java.util.Optional.ofNullable(journals),
        java.util.Optional.ofNullable(entities));
    started.useCapabilities(links);
    return started;
  }

  /** Loads the app again; on failure the running version keeps serving and the error is logged. */
  void reload() {
    long t0 = ports.clock().monotonicNs();
    try {
      AppRuntime fresh = loadApp();
      AppRuntime old = app.swap(fresh);
      startCron();
      log.info(String.format("reloaded %s in %.1f ms", fresh.manifest().app(), (ports.clock().monotonicNs() - t0) / 1e6));
      if (old != null) {
        old.stopSubscriptions(); // new messages go to the new code at once; the old finishes what it holds
        long graceMs = old.manifest().limits().wallTimeMs();
        scheduler.schedule(graceMs, old::close);
      }
    } catch (CairnException e) {
      String stack = e instanceof dev.cairn.js.JsException js ? js.jsStack() : "";
      log.error("-", "-", e.code(), e.getMessage() + " (still serving the previous version)", stack);
    }
  }

  public int port() {
    return gateway.port();
  }

  /** The node's log (human lines in dev, JSON lines in serve). */
  public RequestLog log() {
    return log;
  }

  public String engineMode() {
    return engine.mode();
  }

  /** How often journal retention runs (and once right after start). */
  static final long RETENTION_PERIOD_MS = 60_000;

  private volatile boolean closing;

  /** Deletes journals past the app's {@code journal.retainMs} and beyond its {@code journal.bytesMax}, oldest first. */
  private void scheduleRetention() {
    scheduler.executeBlocking(() -> {
      if (closing) return;
      try {
        var retention = app.current().manifest().journal();
        long byAge = journals.deleteOlderThan(ports.clock().nowMs() - retention.retainMs());
        long bySize = journals.deleteToFitBytes(retention.bytesMax());
        if (byAge + bySize > 0) log.info("journal retention removed " + byAge + " invocations by age and " + bySize + " by size");
      } catch (RuntimeException e) {
        if (!closing) log.error("-", "-", "journal_retention_failed", String.valueOf(e.getMessage()), "");
      }
      if (!closing) scheduler.schedule(RETENTION_PERIOD_MS, this::scheduleRetention);
    });
  }

  /** Replays this node's recorded invocations in-process (never performing side effects). */
  public dev.cairn.server.journal.ReplayService replays() {
    return replays;
  }

  /** The journal store of this node (read by the admin API and the CLI). */
  public dev.cairn.core.spi.JournalStore journals() {
    return journals;
  }

  /** The entity store of this node; tests reach it to inject faults (a commit delay). */
  dev.cairn.core.spi.EntityStore entityStore() {
    return entities;
  }

  /** The node's capability links (the admin API relinks them). */
  public dev.cairn.server.capability.CapabilityLinks links() {
    return links;
  }

  public ServerOptions options() {
    return options;
  }

  /** The app version being served now. */
  public AppRuntime appRuntime() {
    return app.current();
  }

  public String appName() {
    return app.current().manifest().app();
  }

  /** Blocks until the server is closed. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    closing = true;
    if (watcher != null) watcher.close();
    synchronized (this) {
      if (cron != null) cron.close();
    }
    gateway.close();
    ServerUrlFile.delete(options.dataDir());
    AppRuntime current = app.swap(null);
    if (current != null) current.close();
    if (links != null) links.close();
    network.close();
    if (replays != null) replays.close();
    if (journals != null) journals.close();
    if (entities != null) entities.close();
    log.close(); // before the scheduler: its flush timer runs there
    scheduler.close();
    if (storage != null) storage.close();
    stopped.countDown();
  }

  /** The app version being served; swapped atomically on reload. */
  private static final class AppHolder {
    private volatile AppRuntime current;

    AppRuntime current() {
      return current;
    }

    synchronized AppRuntime swap(AppRuntime next) {
      AppRuntime old = current;
      current = next;
      return old;
    }
  }
}
