package dev.cairn.core.journal;

/** Small string helpers of the journal: well-formed Unicode for entries, quoting for messages. */
final class Text {
  private Text() {}

  /**
   * {@code text} with every unpaired surrogate replaced by U+FFFD, the way JavaScript's {@code
   * TextEncoder} does. JS strings may hold lone surrogates; UTF-8 cannot, and an entry must decode
   * to exactly what was appended. Returns {@code text} itself when it is already well-formed.
   */
  static String wellFormed(String text, String what) {
    if (text == null) throw new IllegalArgumentException(what + " must not be null");
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c) && !pairedAt(text, i)) {
        return replaceLoneSurrogates(text);
      }
      if (Character.isHighSurrogate(c)) i++;
    }
    return text;
  }

  private static boolean pairedAt(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  private static String replaceLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (pairedAt(text, i)) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** {@code text} in double quotes, with quotes, backslashes and line breaks escaped. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
