package dev.cairn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.http.ResponseData;
import dev.cairn.server.capability.CapabilityLinks;
import dev.cairn.server.capability.LinkStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The links part of the admin API, what {@code cairn link} talks to:
 *
 * <pre>
 *   GET    /__cairn/links                                        every link with its health
 *   PUT    /__cairn/links/&lt;name&gt;  {"provider":..,"config":{..}}   relink now (opens the provider first)
 *   DELETE /__cairn/links/&lt;name&gt;                                  unlink
 * </pre>
 */
final class LinksAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CapabilityLinks links;

  LinksAdmin(CapabilityLinks links) {
    this.links = links;
  }

  ResponseData route(String method, String[] parts, byte[] body) {
    if (parts.length == 1 && method.equals("GET")) {
      List<Object> out = new ArrayList<>();
      for (LinkStatus s : links.list()) out.add(map(s));
      return ok(Map.of("links", out));
    }
    if (parts.length == 2 && !parts[1].isEmpty()) {
      if (method.equals("PUT") || method.equals("POST")) return set(parts[1], body);
      if (method.equals("DELETE")) return ok(map(links.remove(parts[1])));
    }
    throw AdminException.notFound(method, "/__cairn/" + String.join("/", parts));
  }

  private ResponseData set(String name, byte[] body) {
    JsonNode doc;
    try {
      doc = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw AdminException.badRequest("body", "not JSON: " + e.getMessage());
    }
    if (doc == null || !doc.isObject() || !doc.path("provider").isTextual()) {
      throw AdminException.badRequest("body", "expected {\"provider\":\"redis\",\"config\":{\"url\":\"redis://127.0.0.1:6379\"}}");
    }
    Map<String, String> config = new LinkedHashMap<>();
    JsonNode c = doc.path("config");
    if (!c.isMissingNode() && !c.isNull()) {
      if (!c.isObject()) throw AdminException.badRequest("config", "expected an object of setting names to strings");
      c.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    }
    return ok(map(links.set(name, doc.path("provider").asText(), config)));
  }

  static Map<String, Object> map(LinkStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("contract", s.contract());
    m.put("provider", s.provider());
    m.put("config", s.config());
    m.put("healthy", s.healthy());
    m.put("state", s.state());
    m.put("error", s.error());
    m.put("source", s.source());
    m.put("swaps", s.swaps());
    return m;
  }

  private static ResponseData ok(Object value) {
    try {
      return ResponseData.json(200, JSON.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialize", e);
    }
  }
}
