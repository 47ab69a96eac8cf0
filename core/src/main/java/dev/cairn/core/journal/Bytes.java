package dev.cairn.core.journal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: the payloads of journal entries (input, host-call arguments and
 * results, output).
 *
 * <p>Why a type of its own rather than {@code byte[]} in the entry records: a record's generated
 * {@code equals}, {@code hashCode} and {@code toString} treat an array by identity, and an array
 * can be changed by whoever still holds it. An entry that was checksummed and appended must never
 * change, and two entries with the same bytes must be equal (replay compares them). {@code Bytes}
 * copies on the way in and on the way out, compares by content and prints an abbreviation, so the
 * records can stay plain records.
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  /** How many characters {@link #toString()} shows before it abbreviates. */
  static final int SHOWN_CHARS_MAX = 64;

  /** How many bytes {@link #toString()} decodes at most: enough for its characters in any UTF-8. */
  private static final int PREFIX_BYTES = 4 * SHOWN_CHARS_MAX + 4;

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}; later changes to the array do not show. */
  public static Bytes of(byte[] bytes) {
    if (bytes == null) throw new IllegalArgumentException("bytes must not be null");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** The UTF-8 encoding of {@code text}. */
  public static Bytes utf8(String text) {
    return wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes ownership of {@code bytes} without a copy: only for arrays nobody else holds. */
  static Bytes wrap(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes);
  }

  public int size() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** A fresh copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** The bytes without a copy, for this package's encoder: never hand it out or write to it. */
  byte[] array() {
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /**
   * Readable and short: well-formed UTF-8 text is shown quoted (JSON arguments read as JSON), anything
   * else as hex; past {@value #SHOWN_CHARS_MAX} characters it is cut and the total size is added.
   */
  @Override
  public String toString() {
    String text = decodedText();
    if (text != null) {
      if (text.length() <= SHOWN_CHARS_MAX && bytes.length <= PREFIX_BYTES) return Text.quote(text);
      int cut = Math.min(text.length(), SHOWN_CHARS_MAX);
      if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) cut--; // keep pairs whole
      return Text.quote(text.substring(0, cut)) + "...(" + bytes.length + " bytes)";
    }
    int shown = Math.min(bytes.length, SHOWN_CHARS_MAX / 2);
    String hex = HexFormat.of().formatHex(bytes, 0, shown);
    return "0x" + hex + (shown < bytes.length ? "...(" + bytes.length + " bytes)" : "");
  }

  /**
   * The first characters as text when they are well-formed UTF-8 without control characters, else
   * null. Only a prefix is decoded (a 16 MiB body is not decoded to show 64 characters); a sequence
   * cut by the prefix's end is left out, not taken for malformed.
   */
  private String decodedText() {
    int prefix = Math.min(bytes.length, PREFIX_BYTES);
    boolean whole = prefix == bytes.length;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(prefix);
    CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, prefix), out, whole);
    if (result.isError() || whole && decoder.flush(out).isError()) return null;
    String text = out.flip().toString();
    return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t') ? null : text;
  }
}
