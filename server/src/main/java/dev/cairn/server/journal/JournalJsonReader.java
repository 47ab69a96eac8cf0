package dev.cairn.server.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.http.Header;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads back the JSON that {@code dev.cairn.js.JournalJson} writes (docs/journal.md). */
public final class JournalJsonReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JournalJsonReader() {}

  public static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("journal JSON does not parse: " + new String(json, StandardCharsets.UTF_8), e);
    }
  }

  public static RequestData request(JsonNode n) {
    return new RequestData(n.path("method").asText(), n.path("url").asText(), headers(n), body(n));
  }

  public static ResponseData response(JsonNode n) {
    return new ResponseData(n.path("status").asInt(), headers(n), body(n));
  }

  /** A recorded answer of {@code op} (see {@link dev.cairn.js.StorageResult#json()}). */
  static dev.cairn.js.StorageResult storageResult(dev.cairn.js.StorageOp op, JsonNode n) {
    return switch (op) {
      case dev.cairn.js.StorageOp.Get g when !g.multi() -> new dev.cairn.js.StorageResult.Value(n.path("value").isNull() ? null : n.path("value").asText());
      case dev.cairn.js.StorageOp.Get g -> entries(n);
      case dev.cairn.js.StorageOp.ListKeys l -> entries(n);
      case dev.cairn.js.StorageOp.Delete d -> new dev.cairn.js.StorageResult.Count(n.path("count").asInt());
      case dev.cairn.js.StorageOp.GetAlarm a -> new dev.cairn.js.StorageResult.Alarm(n.path("alarm").isNumber() ? n.path("alarm").asLong() : null);
      default -> dev.cairn.js.StorageResult.DONE;
    };
  }

  private static dev.cairn.js.StorageResult entries(JsonNode n) {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (JsonNode pair : n.path("entries")) {
      keys.add(pair.get(0).asText());
      values.add(pair.get(1).asText());
    }
    return new dev.cairn.js.StorageResult.Entries(keys, values);
  }

  /**
   * A capability call's recorded result: the object without its body fields, and the body (null
   * when the object had none). A cut body comes back cut: such a call cannot replay exactly.
   */
  public static dev.cairn.js.CapabilityReply capabilityReply(byte[] json) {
    JsonNode n = parse(json);
    boolean hasBody = n.has("body") || n.has("bodyBase64");
    byte[] body = hasBody ? body(n) : null;
    var object = (com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy();
    object.remove(List.of("body", "bodyBase64", "bodyTruncated"));
    try {
      return new dev.cairn.js.CapabilityReply(JSON.writeValueAsString(object), body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the recorded body was cut at the journal's body limit, so it cannot be replayed exactly. */
  static boolean truncated(JsonNode n) {
    return n.has("bodyTruncated");
  }

  private static List<Header> headers(JsonNode n) {
    List<Header> out = new ArrayList<>();
    for (JsonNode pair : n.path("headers")) out.add(new Header(pair.get(0).asText(), pair.get(1).asText()));
    return out;
  }

  private static byte[] body(JsonNode n) {
    if (n.has("body")) return n.get("body").asText().getBytes(StandardCharsets.UTF_8);
    if (n.has("bodyBase64")) return Base64.getDecoder().decode(n.get("bodyBase64").asText());
    return new byte[0];
  }
}
