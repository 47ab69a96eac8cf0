package dev.cairn.js;

import dev.cairn.core.Json;
import java.util.List;
import java.util.Map;

/**
 * Writes plain values (strings, numbers, booleans, null, lists, maps) as compact JSON, maps in their
 * iteration order: manifest values for {@code env} vars, and capability replies (a handful of fields
 * each, where Jackson's setup per call cost more than the writing).
 */
public final class JsonWriter {
  private JsonWriter() {}

  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v) {
    switch (v) {
      case null -> b.append("null");
      case String s -> b.append(Json.quote(s));
      case Boolean bool -> b.append(bool);
      case Double d when d.isNaN() || d.isInfinite() -> b.append("null");
      case Number n -> b.append(n);
      case Map<?, ?> m -> {
        b.append('{');
        boolean first = true;
        for (var e : m.entrySet()) {
          if (!first) b.append(',');
          first = false;
          b.append(Json.quote(String.valueOf(e.getKey()))).append(':');
          write(b, e.getValue());
        }
        b.append('}');
      }
      case List<?> l -> {
        b.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) b.append(',');
          write(b, l.get(i));
        }
        b.append(']');
      }
      default -> b.append(Json.quote(v.toString()));
    }
  }
}
