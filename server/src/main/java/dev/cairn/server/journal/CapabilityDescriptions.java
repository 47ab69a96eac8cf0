package dev.cairn.server.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.UnaryOperator;

/**
 * The timeline's words for capability calls ({@code kv.get}, {@code messaging.publish}, ...): the
 * binding, the key or subject, the value, and what came back, e.g. {@code KV.get "user:1" -> "Ada"}.
 * Payloads are those of docs/journal.md; anything else is shown raw by the caller.
 */
final class CapabilityDescriptions {
  private final UnaryOperator<String> cut;

  CapabilityDescriptions(UnaryOperator<String> cut) {
    this.cut = cut;
  }

  static boolean covers(String op) {
    return op.startsWith("kv.") || op.startsWith("messaging.") || op.startsWith("blob.") || op.startsWith("http.");
  }

  String call(String op, JsonNode a) {
    String on = a.path("binding").asText("?") + "." + op.substring(op.indexOf('.') + 1);
    return switch (op) {
      case "kv.get", "kv.delete", "blob.get", "blob.head" -> on + " " + quote(a.path("key").asText());
      case "kv.put" -> on + " " + quote(a.path("key").asText()) + " = " + body(a)
          + (a.path("expiresAtMs").asLong() > 0 ? " (expires " + java.time.Instant.ofEpochMilli(a.path("expiresAtMs").asLong()) + ")" : "");
      case "kv.list", "blob.list" -> on + " prefix " + quote(a.path("prefix").asText()) + " limit " + a.path("limit").asText()
          + (a.path("cursor").asText().isEmpty() ? "" : " after cursor");
      case "kv.increment" -> on + " " + quote(a.path("key").asText()) + " by " + a.path("delta").asText();
      case "kv.cas" -> on + " " + quote(a.path("key").asText()) + " if "
          + (a.path("expected").isTextual() ? quote(cut.apply(a.path("expected").asText())) : a.has("expectedBase64") ? "base64:" + cut.apply(a.path("expectedBase64").asText()) : "absent")
          + " then " + body(a);
      case "blob.put" -> on + " " + quote(a.path("key").asText()) + " " + size(a) + (a.path("contentType").asText().isEmpty() ? "" : " " + a.path("contentType").asText());
      case "blob.delete" -> on + " " + cut.apply(a.path("keys").toString());
      case "messaging.publish" -> on + " " + a.path("subject").asText() + " " + body(a);
      case "messaging.request" -> on + " " + a.path("subject").asText() + " " + body(a)
          + (a.path("timeoutMs").asLong() > 0 ? " (timeout " + a.path("timeoutMs").asLong() + " ms)" : "");
      case "http.fetch" -> on + " " + a.path("method").asText("?") + " " + cut.apply(a.path("url").asText()) + (hasBody(a) ? " " + body(a) : "");
      default -> on + " " + cut.apply(a.toString());
    };
  }

  String result(String op, JsonNode r) {
    return switch (op) {
      case "kv.get" -> r.path("found").asBoolean() ? " -> " + body(r) : " -> (missing)";
      case "kv.list" -> " -> " + r.path("keys").size() + " keys" + (r.path("complete").asBoolean() ? "" : " (more)");
      case "blob.list" -> " -> " + r.path("objects").size() + " objects" + (r.path("complete").asBoolean() ? "" : " (more)");
      case "kv.increment" -> " -> " + r.path("value").asText();
      case "kv.cas" -> r.path("written").asBoolean() ? " -> written" : " -> not written";
      case "blob.get" -> r.path("found").asBoolean() ? " -> " + r.path("size").asText() + " bytes " + body(r) : " -> (missing)";
      case "blob.head" -> r.path("found").asBoolean() ? " -> " + r.path("size").asText() + " bytes" : " -> (missing)";
      case "blob.put" -> " -> etag " + r.path("etag").asText().substring(0, Math.min(12, r.path("etag").asText().length()));
      case "messaging.request" -> " -> " + r.path("subject").asText() + " " + body(r);
      case "http.fetch" -> " -> " + r.path("status").asText() + (hasBody(r) ? " " + body(r) : "");
      default -> ""; // put, delete, publish: nothing to say
    };
  }

  private static boolean hasBody(JsonNode n) {
    return n.has("body") || n.has("bodyBase64");
  }

  private String body(JsonNode n) {
    String shown;
    if (n.has("bodyBase64")) shown = "base64:" + cut.apply(n.path("bodyBase64").asText());
    else shown = quote(cut.apply(n.path("body").asText()));
    if (n.has("bodyTruncated")) shown += " (truncated, " + n.path("bodyTruncated").asLong() + " bytes)";
    return shown;
  }

  private static String size(JsonNode n) {
    if (n.has("bodyTruncated")) return n.path("bodyTruncated").asLong() + " bytes";
    if (n.has("bodyBase64")) return java.util.Base64.getDecoder().decode(n.path("bodyBase64").asText()).length + " bytes";
    return n.path("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes";
  }

  private static String quote(String s) {
    return dev.cairn.core.Json.quote(s);
  }
}
