package dev.cairn.server.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.Outcome;

/**
 * The one-line description of each entry, read from the payloads as docs/journal.md fixes them
 * (request and response objects, {@code service.rpc} arguments, ...). A payload that is not what
 * its op promises is shown as its raw text rather than refused: inspect must show what is there.
 */
final class TimelineDescriptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean full;

  TimelineDescriptions(boolean full) {
    this.full = full;
  }

  String started(Started s) {
    String input = switch (s.kind()) {
      case "fetch" -> request(s.input());
      case "scheduled" -> object(s.input()) instanceof JsonNode n && n.has("cron")
          ? "cron " + n.path("cron").asText() : raw(s.input());
      case "rpc" -> object(s.input()) instanceof JsonNode n && n.has("method")
          ? n.path("method").asText() + " " + cut(n.path("args").asText()) : raw(s.input());
      case "message" -> object(s.input()) instanceof JsonNode n && n.has("messages")
          ? n.path("queue").asText() + " " + n.path("messages").size() + " messages " + cut(subjects(n)) : raw(s.input());
      default -> raw(s.input());
    };
    return input + "  seed=" + s.seed() + "  code=" + s.codeVersion();
  }

  String hostCall(String op, Bytes args, Outcome outcome) {
    if (CapabilityDescriptions.covers(op) && object(args) instanceof JsonNode a) {
      var words = new CapabilityDescriptions(this::cut);
      return words.call(op, a) + switch (outcome) {
        case Outcome.Value v -> object(v.result()) instanceof JsonNode r ? words.result(op, r) : " -> " + raw(v.result());
        case Outcome.Error e -> " -> error[" + e.code() + "] " + cut(e.message());
      };
    }
    String call = switch (op) {
      case "fetch" -> request(args);
      case "service.fetch" -> object(args) instanceof JsonNode n && n.has("service")
          ? n.path("service").asText() + " " + request(n.path("request")) : raw(args);
      case "service.rpc" -> object(args) instanceof JsonNode n && n.has("method")
          ? n.path("service").asText() + "." + n.path("method").asText() + " " + cut(n.path("args").asText()) : raw(args);
      case "timer" -> object(args) instanceof JsonNode n && n.has("delayMs") ? n.path("delayMs").asText() + " ms" : raw(args);
      case "log" -> object(args) instanceof JsonNode n && n.has("text") ? log(n) : raw(args);
      case "body.read" -> "request body";
      case "body.write" -> object(args) instanceof JsonNode n && n.has("bytes") ? "response body, " + n.path("bytes").asText() + " bytes" : raw(args);
      default -> raw(args);
    };
    String result = switch (outcome) {
      case Outcome.Value v -> value(op, v.result());
      case Outcome.Error e -> " -> error[" + e.code() + "] " + cut(e.message());
    };
    return call + result;
  }

  /** {@code 200 {"sum":5}} for a fetch's response object; the payload's text otherwise. */
  String output(String invocationKind, Bytes output) {
    if (invocationKind.equals("fetch")) return response(output);
    if (invocationKind.equals("rpc") && object(output) instanceof JsonNode n && n.has("value")) {
      return cut(n.path("value").asText());
    }
    return raw(output);
  }

  private String value(String op, Bytes result) {
    return switch (op) {
      case "fetch", "service.fetch" -> " -> " + response(result);
      case "service.rpc" -> object(result) instanceof JsonNode n && n.has("value") ? " -> " + cut(n.path("value").asText()) : " -> " + raw(result);
      case "timer", "log", "body.write" -> result.size() == 2 && raw(result).equals("{}") ? "" : " -> " + raw(result);
      case "body.read" -> object(result) instanceof JsonNode n ? " -> " + chunk(n) : " -> " + raw(result);
      default -> " -> " + raw(result);
    };
  }

  private static String subjects(JsonNode batch) {
    var out = new java.util.StringJoiner(", ", "[", "]");
    for (JsonNode m : batch.path("messages")) out.add(m.path("subject").asText() + " #" + m.path("attempts").asText());
    return out.toString();
  }

  private String log(JsonNode n) {
    String level = n.path("level").asText("log");
    String text = quote(cut(n.path("text").asText()));
    return level.equals("log") ? text : level + " " + text;
  }

  private String request(Bytes bytes) {
    return object(bytes) instanceof JsonNode n ? request(n) : raw(bytes);
  }

  private String request(JsonNode n) {
    String streamed = n.path("bodyStreamed").asBoolean(false) ? " (body streamed: see body.read)" : "";
    return n.path("method").asText("?") + " " + cut(n.path("url").asText()) + body(n) + streamed;
  }

  /** A {@code body.read} result: the end, or the chunk's length and its text. */
  private String chunk(JsonNode n) {
    if (n.path("done").asBoolean(false)) return "end";
    long length = n.has("bodyTruncated") ? n.path("bodyTruncated").asLong()
        : n.hasNonNull("body") ? n.path("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        : java.util.Base64.getDecoder().decode(n.path("bodyBase64").asText("")).length;
    return length + " bytes" + body(n).replace(" (truncated, " + length + " bytes)", " (truncated)");
  }

  private String response(Bytes bytes) {
    if (!(object(bytes) instanceof JsonNode n) || !n.has("status")) return raw(bytes);
    String body = body(n);
    return n.path("status").asText() + body;
  }

  /** The body of a request or response object: text, base64 or nothing; with the full length when truncated. */
  private String body(JsonNode n) {
    String shown;
    if (n.hasNonNull("body") && !n.path("body").asText().isEmpty()) shown = " " + cut(n.path("body").asText());
    else if (n.hasNonNull("bodyBase64")) shown = " base64:" + cut(n.path("bodyBase64").asText());
    else shown = "";
    if (n.has("bodyTruncated")) shown += " (truncated, " + n.path("bodyTruncated").asLong() + " bytes)";
    return shown;
  }

  private String raw(Bytes bytes) {
    return cut(TimelineText.of(bytes));
  }

  private String cut(String text) {
    return TimelineText.cut(text, full);
  }

  /** The payload as a JSON object, or null when it is not one. */
  private static JsonNode object(Bytes bytes) {
    try {
      JsonNode node = JSON.readTree(bytes.toArray());
      return node != null && node.isObject() ? node : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String quote(String text) {
    return dev.cairn.core.Json.quote(text);
  }
}
