package dev.cairn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.CairnException;
import dev.cairn.core.Json;
import dev.cairn.core.http.Header;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.ReplayService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin HTTP API under {@code /__cairn/}: recorded invocations, their timelines, and replay, as
 * JSON, for a bearer token. The gateway calls {@link #handle} before routing; a request outside the
 * prefix is not the API's ({@code Optional.empty()}).
 *
 * <pre>
 *   GET  /__cairn/invocations?service=&amp;status=&amp;since=&amp;limit=   listing, newest first
 *   GET  /__cairn/invocations/&lt;id&gt;?full=1                       summary and timeline
 *   POST /__cairn/invocations/&lt;id&gt;/replay   {"code":"/dir"}?   one replay report
 *   POST /__cairn/replay?service=&amp;limit=    {"code":"/dir"}?   reports and counts
 * </pre>
 *
 * Replay runs JavaScript and blocks: call {@link #handle} off the gateway's I/O threads.
 */
public final class AdminHandler {
  public static final String PREFIX = "/__cairn/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JournalStore store;
  private final ReplayService replay;
  private final Clock clock;
  private final byte[] expectedAuthorization;
  private volatile LinksAdmin links;
  private WorkflowsAdmin workflows;

  public AdminHandler(JournalStore store, ReplayService replay, Clock clock, String token) {
    if (token == null || token.isEmpty()) throw new IllegalArgumentException("the admin token must not be empty");
    this.store = store;
    this.replay = replay;
    this.clock = clock;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  /** Serves {@code /__cairn/workflows} from the engines {@code byName} finds (the app being served). */
  public AdminHandler withWorkflows(java.util.function.Function<String, Optional<dev.cairn.server.workflow.WorkflowEngine>> byName) {
    this.workflows = new WorkflowsAdmin(byName);
    return this;
  }

  /** Serves {@code /__cairn/links} from {@code capabilityLinks} too. */
  public AdminHandler withLinks(dev.cairn.server.capability.CapabilityLinks capabilityLinks) {
    this.links = new LinksAdmin(capabilityLinks);
    return this;
  }

  /** The answer to a request under {@link #PREFIX}; empty for any other path. Errors are answered, not thrown. */
  public Optional<ResponseData> handle(String method, String path, String query, List<Header> headers, byte[] body) {
    if (path == null || !path.startsWith(PREFIX)) return Optional.empty();
    try {
      if (!authorized(headers)) throw AdminException.unauthorized();
      return Optional.of(route(method, path, AdminParams.parseQuery(query), body));
    } catch (CairnException e) {
      return Optional.of(ResponseData.json(e.httpStatus(), Json.errorBody(e.code(), e.getMessage())));
    }
  }

  private boolean authorized(List<Header> headers) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("authorization")) {
        return MessageDigest.isEqual(h.value().strip().getBytes(StandardCharsets.UTF_8), expectedAuthorization);
      }
    }
    return false;
  }

  private ResponseData route(String method, String path, Map<String, String> params, byte[] body) {
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    boolean get = method.equals("GET");
    boolean post = method.equals("POST");
    if (get && parts.length == 1 && parts[0].equals("invocations")) return list(params);
    if (get && parts.length == 2 && parts[0].equals("invocations") && !parts[1].isEmpty()) return inspect(parts[1], params);
    if (post && parts.length == 3 && parts[0].equals("invocations") && parts[2].equals("replay")) {
      return replayOne(parts[1], body);
    }
    if (post && parts.length == 1 && parts[0].equals("replay")) return replayAll(params, body);
    if (parts[0].equals("links") && links != null) return links.route(method, parts, body);
    if (parts[0].equals("workflows") && workflows != null) return workflows.route(method, parts, params, body);
    throw AdminException.notFound(method, path);
  }

  private ResponseData list(Map<String, String> params) {
    var query = AdminParams.query(param(params, "service"), param(params, "status"), param(params, "since"),
        param(params, "limit"), clock.nowMs());
    List<Object> rows = new ArrayList<>();
    for (InvocationSummary s : store.list(query)) rows.add(JournalViews.summaryMap(s));
    return ok(Map.of("invocations", rows));
  }

  private ResponseData inspect(String id, Map<String, String> params) {
    InvocationSummary summary = summary(id);
    boolean full = param(params, "full").map(v -> v.equals("1") || v.equals("true")).orElse(false);
    return ResponseData.json(200, JournalViews.json(summary, JournalViews.timeline(store.read(id), full)));
  }

  private ResponseData replayOne(String id, byte[] body) {
    summary(id);
    return ok(ReplayReportJson.map(replay.replay(id, code(body))));
  }

  private ResponseData replayAll(Map<String, String> params, byte[] body) {
    String service = param(params, "service").orElseThrow(() -> AdminException.badRequest("service", "required"));
    int limit = param(params, "limit").map(AdminParams::limit).orElse(AdminParams.REPLAY_LIMIT_DEFAULT);
    return ok(ReplayReportJson.all(replay.replayAll(service, code(body), limit)));
  }

  private InvocationSummary summary(String id) {
    return store.summary(id).orElseThrow(() -> AdminException.invocationNotFound(id));
  }

  /** The body's optional {@code code}: an absolute folder on this server. */
  private static Optional<Path> code(byte[] body) {
    if (body == null || body.length == 0) return Optional.empty();
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw AdminException.badRequest("body", "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw AdminException.badRequest("body", "unreadable: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) return Optional.empty();
    if (!node.isObject()) throw AdminException.badRequest("body", "expected a JSON object like {\"code\":\"/path/to/app\"}");
    JsonNode code = node.path("code");
    if (code.isMissingNode() || code.isNull()) return Optional.empty();
    if (!code.isTextual() || code.asText().isEmpty()) throw AdminException.badRequest("code", "expected a folder path as a string");
    Path dir = Path.of(code.asText());
    if (!dir.isAbsolute()) throw AdminException.badRequest("code", "must be an absolute path on the server, got " + dir);
    if (!java.nio.file.Files.isDirectory(dir)) throw AdminException.badRequest("code", "no folder " + dir + " on the server");
    return Optional.of(dir);
  }

  private static Optional<String> param(Map<String, String> params, String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static ResponseData ok(Object value) {
    try {
      return ResponseData.json(200, JSON.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialize", e);
    }
  }
}
