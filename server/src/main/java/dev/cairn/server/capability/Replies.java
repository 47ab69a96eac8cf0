package dev.cairn.server.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.js.CapabilityReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a call's JSON arguments and writes replies (compact, keys in insertion order). */
final class Replies {
  static final ObjectMapper JSON = new ObjectMapper();

  private Replies() {}

  /** A reply of {@code fields} (strings, booleans, whole numbers, null, lists and maps of them). */
  static CapabilityReply of(Map<String, ?> fields, byte[] body) {
    return new CapabilityReply(dev.cairn.js.JsonWriter.write(fields), body);
  }

  static Map<String, Object> fields(Object... keyThenValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyThenValue.length; i += 2) m.put((String) keyThenValue[i], keyThenValue[i + 1]);
    return m;
  }

  static JsonNode parse(String capability, String json) {
    try {
      JsonNode object = objectInOnePass(json);
      return object != null ? object : JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CapabilityException.invalidArgument(capability, "the call's arguments are not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a String source does no I/O
    }
  }

  /**
   * A call's arguments object, read in one pass into the tree {@code readTree} would build: the
   * common fields (strings, whole numbers, booleans, nulls: all kv and blob calls) straight from
   * Jackson's tokens, any other value (publish's header pairs, fractions, big numbers) by readTree
   * from where the parser stands. Null when the text is not an object, which then takes readTree
   * whole. readTree's per-call set-up was most of its cost on every call; reading a nested call
   * twice (here, then whole) was the rest.
   */
  static JsonNode objectInOnePass(String json) throws java.io.IOException {
    try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
      com.fasterxml.jackson.databind.node.ObjectNode o = JSON.getNodeFactory().objectNode();
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = p.currentName();
        switch (p.nextToken()) {
          case VALUE_STRING -> o.put(name, p.getText());
          case VALUE_TRUE -> o.put(name, true);
          case VALUE_FALSE -> o.put(name, false);
          case VALUE_NULL -> o.putNull(name);
          case VALUE_NUMBER_INT -> {
            switch (p.getNumberType()) {
              case INT -> o.put(name, p.getIntValue());
              case LONG -> o.put(name, p.getLongValue());
              default -> o.set(name, JSON.readTree(p));
            }
          }
          default -> o.set(name, JSON.readTree(p)); // the value from its first token to its last
        }
      }
      // What follows the object is not read, as readTree does not (FAIL_ON_TRAILING_TOKENS is off; were
      // it on, the readTree of a nested value above would also refuse the fields after that value).
      return t == com.fasterxml.jackson.core.JsonToken.END_OBJECT ? o : null;
    }
  }

  /** A required string argument. */
  static String text(String capability, JsonNode args, String name) {
    JsonNode v = args.path(name);
    if (!v.isTextual()) throw CapabilityException.invalidArgument(capability, name + " must be a string");
    return v.asText();
  }

  static long number(String capability, JsonNode args, String name) {
    JsonNode v = args.path(name);
    if (!v.canConvertToLong()) throw CapabilityException.invalidArgument(capability, name + " must be a whole number");
    return v.asLong();
  }

  /** {@code [[name, value], ...]} as an ordered map (header and metadata pairs). */
  static Map<String, String> pairs(JsonNode array) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode p : array) out.put(p.path(0).asText(), p.path(1).asText());
    return out;
  }

  static List<List<String>> pairs(Map<String, String> map) {
    List<List<String>> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(List.of(k, v)));
    return out;
  }

  static byte[] bodyOrEmpty(byte[] body) {
    return body == null ? new byte[0] : body;
  }
}
