package dev.cairn.server.gateway;

import dev.cairn.core.CairnException;
import dev.cairn.core.Json;
import dev.cairn.core.http.Header;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.spi.Clock;
import dev.cairn.js.JsException;
import dev.cairn.js.ServiceRuntime;
import dev.cairn.server.AppRuntime;
import dev.cairn.server.admin.AdminHandler;
import dev.cairn.server.RequestLog;
import dev.cairn.server.ServerException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP gateway on Jetty 12 (core API, no servlets): HTTP/1.1 with keep-alive, routing by host
 * and path, body size limit enforced while the body is read, and every error answered as JSON with
 * a stable code. Handling never blocks a Jetty thread: the body is read asynchronously and the
 * response is written when the service's future completes.
 *
 * <p>Why Jetty 12 rather than Helidon SE 4: both are proven; Jetty's core Handler API is fully
 * asynchronous without servlets, has the longer track record embedded in other products, and its
 * jars were already at hand on these machines. Helidon's blocking-on-virtual-threads model would
 * have fitted too.
 */
public final class Gateway implements AutoCloseable {
  public static final String INVOCATION_HEADER = "cairn-invocation-id";

  private final Server server;
  private final ServerConnector connector;
  private final Supplier<AppRuntime> app;
  private final RequestLog log;
  private final Clock clock;
  private final boolean dev;
  private volatile AdminHandler admin;
  private volatile java.util.concurrent.Executor adminExecutor;

  public Gateway(String host, int port, Supplier<AppRuntime> app, RequestLog log, Clock clock, boolean dev) {
    this.dev = dev;
    this.app = app;
    this.log = log;
    this.clock = clock;
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("cairn-http");
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(60_000);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        serve(request, response, callback);
        return true;
      }
    });
  }

  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      throw ServerException.startFailed("cannot listen on " + connector.getHost() + ":" + connector.getPort() + ": " + e.getMessage());
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  private void serve(Request request, Response response, Callback callback) {
    long startNs = clock.monotonicNs();
    AppRuntime current = app.get();
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    String host = request.getHttpURI().getHost() == null ? "" : request.getHttpURI().getAuthority();
    String id = current.newInvocationId();
    if (admin != null && path != null && path.startsWith(AdminHandler.PREFIX)) {
      serveAdmin(request, response, callback);
      return;
    }
    if (dev && "/__scheduled".equals(path)) {
      triggerScheduled(current, request, response, callback, id);
      return;
    }
    var serviceName = current.router().route(host, path == null ? "/" : path);
    if (serviceName.isEmpty()) {
      fail(response, callback, ServerException.routeNotFound(host, path, current.router().patterns()), id);
      log.request(method, path, 404, elapsedMs(startNs), "-", id);
      return;
    }
    ServiceRuntime service = current.service(serviceName.get()).orElseThrow();
    long bodyMax = service.spec().limits().bodyBytesMax();
    long declared = request.getLength();
    if (declared > bodyMax) {
      fail(response, callback, ServerException.bodyTooLarge(bodyMax), id);
      log.request(method, path, 413, elapsedMs(startNs), service.name(), id);
      return;
    }
    Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, bodyMax)).whenComplete((body, readError) -> {
      if (readError != null) {
        CairnException e = exceededLimit(readError)
            ? ServerException.bodyTooLarge(bodyMax)
            : ServerException.bodyUnreadable(String.valueOf(rootCause(readError).getMessage()));
        fail(response, callback, e, id);
        log.request(method, path, e.httpStatus(), elapsedMs(startNs), service.name(), id);
        return;
      }
      RequestData data = new RequestData(method, request.getHttpURI().asString(), headers(request), body);
      service.fetch(id, data).whenComplete((res, err) -> {
        if (err != null) {
          CairnException e = unwrap(err);
          String stack = e instanceof JsException js ? js.jsStack() : "";
          log.error(service.name(), id, e.code(), e.getMessage(), stack);
          fail(response, callback, e, id);
          log.request(method, path, e.httpStatus(), elapsedMs(startNs), service.name(), id);
          return;
        }
        write(response, callback, res, id);
        log.request(method, path, res.status(), elapsedMs(startNs), service.name(), id);
      });
    });
  }

  /**
   * Mounts the admin API under {@code /__cairn/}. Its handler may block (a replay runs JavaScript),
   * so it runs on {@code blocking}, never on a Jetty thread.
   */
  public void mountAdmin(AdminHandler handler, java.util.concurrent.Executor blocking) {
    this.adminExecutor = blocking;
    this.admin = handler;
  }

  /** Admin requests: body read with a 1 MiB limit, answered by the admin handler off the Jetty threads. */
  private void serveAdmin(Request request, Response response, Callback callback) {
    Content.Source.asByteArrayAsync(request, 1 << 20).whenComplete((body, readError) -> {
      if (readError != null) {
        fail(response, callback, exceededLimit(readError) ? ServerException.bodyTooLarge(1 << 20)
            : ServerException.bodyUnreadable(String.valueOf(rootCause(readError).getMessage())), "-");
        return;
      }
      adminExecutor.execute(() -> {
        ResponseData answer;
        try {
          answer = admin.handle(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
              headers(request), body).orElseThrow();
        } catch (CairnException e) {
          fail(response, callback, e, "-");
          return;
        } catch (RuntimeException e) {
          // Never leave an admin client waiting for the idle timeout: every failure is an answer.
          log.error("-", "-", "internal_error", "admin request failed: " + e, "");
          fail(response, callback, ServerException.internal("the admin request failed: " + e), "-");
          return;
        }
        write(response, callback, answer, "-");
      });
    });
  }

  /**
   * {@code cairn dev} only, as {@code wrangler dev --test-scheduled}: {@code /__scheduled?cron=<expr>}
   * runs the {@code scheduled} handler of every service with that cron expression (or
   * {@code &service=<name>}) now, and answers when they finished.
   */
  private void triggerScheduled(AppRuntime current, Request request, Response response, Callback callback, String id) {
    var query = org.eclipse.jetty.util.UrlEncoded.decodeQuery(request.getHttpURI().getQuery());
    String cron = query.getValue("cron");
    String only = query.getValue("service");
    List<java.util.concurrent.CompletableFuture<Void>> runs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (var spec : current.manifest().services().values()) {
      boolean wanted = only != null ? spec.name().equals(only) : spec.cron().contains(cron);
      if (!wanted) continue;
      String expr = cron != null ? cron : spec.cron().isEmpty() ? "" : spec.cron().getFirst();
      names.add(spec.name());
      runs.add(current.service(spec.name()).orElseThrow().scheduled(current.newInvocationId(), expr, clock.nowMs()));
    }
    if (runs.isEmpty()) {
      fail(response, callback, ServerException.routeNotFound("/__scheduled", "?cron=" + cron, List.of("no service has that cron")), id);
      return;
    }
    java.util.concurrent.CompletableFuture.allOf(runs.toArray(java.util.concurrent.CompletableFuture[]::new)).whenComplete((v, err) -> {
      if (err != null) {
        fail(response, callback, unwrap(err), id);
        return;
      }
      StringBuilder b = new StringBuilder("{\"ran\":[");
      for (int i = 0; i < names.size(); i++) b.append(i > 0 ? "," : "").append(Json.quote(names.get(i)));
      write(response, callback, ResponseData.json(200, b.append("]}").toString()), id);
    });
  }

  /**
   * Jetty 12.1 reports a body over the accumulation limit as {@code IllegalStateException("Max size
   * (N) exceeded")}; ServeBasicsTest's oversized-body tests fail if a Jetty upgrade changes that.
   */
  private static boolean exceededLimit(Throwable t) {
    Throwable root = rootCause(t);
    return root instanceof java.nio.BufferOverflowException
        || (root instanceof IllegalStateException && String.valueOf(root.getMessage()).startsWith("Max size"));
  }

  private static Throwable rootCause(Throwable t) {
    Throwable e = t;
    while (e.getCause() != null && e.getCause() != e) e = e.getCause();
    return e;
  }

  private double elapsedMs(long startNs) {
    return (clock.monotonicNs() - startNs) / 1e6;
  }

  private static List<Header> headers(Request request) {
    List<Header> out = new ArrayList<>(request.getHeaders().size());
    for (HttpField f : request.getHeaders()) out.add(new Header(f.getName(), f.getValue()));
    return out;
  }

  private static void write(Response response, Callback callback, ResponseData res, String id) {
    response.setStatus(res.status());
    var headers = response.getHeaders();
    for (Header h : res.headers()) {
      if (h.name().equalsIgnoreCase("content-length") || h.name().equalsIgnoreCase("transfer-encoding")
          || h.name().equalsIgnoreCase("connection")) {
        continue;
      }
      headers.add(h.name(), h.value());
    }
    headers.put(INVOCATION_HEADER, id);
    headers.put(HttpHeader.CONTENT_LENGTH, res.body().length);
    response.write(true, ByteBuffer.wrap(res.body()), callback);
  }

  private static void fail(Response response, Callback callback, CairnException e, String id) {
    byte[] body = ("{\"error\":{\"code\":" + Json.quote(e.code()) + ",\"message\":" + Json.quote(e.getMessage())
        + ",\"invocationId\":" + Json.quote(id) + "}}").getBytes(StandardCharsets.UTF_8);
    response.setStatus(e.httpStatus());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(INVOCATION_HEADER, id);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  public static CairnException unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof CairnException ce) return ce;
    return JsException.internal("internal error: " + e, e);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort; the process is going away
    }
  }
}
