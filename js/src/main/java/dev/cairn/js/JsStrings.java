package dev.cairn.js;

/**
 * A string as JavaScript's {@code JSON.stringify} writes it (ECMA-262 QuoteJSONString), for journal
 * forms that Java builds in place of the glue: the bytes must be the very ones the glue would have
 * made, or a journal recorded one way would not replay the other. That is why this is not
 * {@link dev.cairn.core.Json#quote}, which writes {@code \b} and {@code \f} as {@code \\u} escapes
 * and keeps lone surrogates.
 */
final class JsStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsStrings() {}

  /** {@code JSON.stringify(s)}, quotes included. */
  static String stringify(String s) {
    if (isPlain(s)) return "\"" + s + "\""; // keys are nearly always plain: one copy
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            unicodeEscape(b, c);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i)); // a pair is one code point, written as it is
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(b, c); // a lone surrogate
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) return false;
    }
    return true;
  }

  private static void unicodeEscape(StringBuilder b, char c) {
    b.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
  }
}
