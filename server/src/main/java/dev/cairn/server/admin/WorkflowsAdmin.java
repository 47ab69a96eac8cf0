package dev.cairn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.CairnException;
import dev.cairn.core.http.ResponseData;
import dev.cairn.server.workflow.WorkflowEngine;
import dev.cairn.server.workflow.WorkflowException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The workflows part of the admin API, what {@code cairn workflows} talks to:
 *
 * <pre>
 *   GET  /__cairn/workflows/&lt;Class&gt;?limit=                 instances, newest first
 *   GET  /__cairn/workflows/&lt;Class&gt;/&lt;id&gt;                  status (and output or error)
 *   POST /__cairn/workflows/&lt;Class&gt;/&lt;id&gt;/events  {"type":..,"payload":&lt;json&gt;}
 *   POST /__cairn/workflows/&lt;Class&gt;/&lt;id&gt;/pause | resume | terminate | restart
 * </pre>
 */
final class WorkflowsAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, Optional<WorkflowEngine>> engines;

  WorkflowsAdmin(Function<String, Optional<WorkflowEngine>> engines) {
    this.engines = engines;
  }

  ResponseData route(String method, String[] parts, Map<String, String> params, byte[] body) {
    if (parts.length >= 2 && !parts[1].isEmpty()) {
      WorkflowEngine engine = engines.apply(parts[1]).orElseThrow(() -> WorkflowException.unknownClass(parts[1]));
      if (parts.length == 2 && method.equals("GET")) {
        int limit = Optional.ofNullable(params.get("limit")).map(AdminParams::limit).orElse(100);
        return json(join(engine.list(limit)));
      }
      if (parts.length == 3 && method.equals("GET")) return json(join(engine.control(parts[2], "status", "null")));
      if (parts.length == 4 && method.equals("POST")) {
        String action = parts[3];
        if (action.equals("events")) return json(join(engine.control(parts[2], "sendEvent", event(body))));
        if (action.equals("pause") || action.equals("resume") || action.equals("terminate") || action.equals("restart")) {
          return json(join(engine.control(parts[2], action, "null")));
        }
      }
    }
    throw AdminException.notFound(method, "/__cairn/" + String.join("/", parts));
  }

  /** {@code {"type":..,"payload":<any JSON>}} as the engine takes it: the payload as structured-clone text. */
  private static String event(byte[] body) {
    JsonNode doc;
    try {
      doc = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw AdminException.badRequest("body", "not JSON: " + e.getMessage());
    }
    if (doc == null || !doc.isObject() || !doc.path("type").isTextual()) {
      throw AdminException.badRequest("body", "expected {\"type\":\"approval\",\"payload\":{...}}");
    }
    String payload = "J" + (doc.has("payload") ? doc.get("payload").toString() : "null");
    return JSON.createObjectNode().put("type", doc.path("type").asText()).put("payload", payload).toString();
  }

  private static String join(java.util.concurrent.CompletableFuture<String> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof CairnException c) throw c;
      throw e;
    }
  }

  private static ResponseData json(String body) {
    return ResponseData.json(200, body);
  }
}
