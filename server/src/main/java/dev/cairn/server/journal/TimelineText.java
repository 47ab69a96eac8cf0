package dev.cairn.server.journal;

import dev.cairn.core.journal.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Payload bytes as text for people: UTF-8 when they are, hex otherwise; cut to a length unless whole. */
final class TimelineText {
  /** Characters shown of one payload (a body, the arguments, a result) before it is cut. */
  static final int SHOWN_CHARS_MAX = 120;

  private TimelineText() {}

  /** The payload's text (journal payloads are UTF-8 JSON), or {@code 0x...} hex for other bytes. */
  static String of(Bytes bytes) {
    byte[] raw = bytes.toArray();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      return "0x" + HexFormat.of().formatHex(raw);
    }
  }

  /** {@code text} whole when {@code full} or short, else its first {@value #SHOWN_CHARS_MAX} characters and its length. */
  static String cut(String text, boolean full) {
    if (full || text.length() <= SHOWN_CHARS_MAX) return text;
    int end = SHOWN_CHARS_MAX;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
    return text.substring(0, end) + "...(" + text.length() + " chars)";
  }

  /** {@code 1.2 KB}, {@code 512 B}: sizes as a listing shows them. */
  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
