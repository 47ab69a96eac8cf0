package dev.cairn.core;

/** The little JSON that core writes itself (error bodies); core has no JSON library. */
public final class Json {
  private Json() {}

  /** A JSON string literal, quotes included. */
  public static String quote(String s) {
    if (!needsEscape(s)) return "\"" + s + "\""; // most keys and values: one copy, no builder
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean needsEscape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
  }

  /** The error body every Cairn error response carries: {@code {"error":{"code":..,"message":..}}}. */
  public static String errorBody(String code, String message) {
    return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
  }
}
