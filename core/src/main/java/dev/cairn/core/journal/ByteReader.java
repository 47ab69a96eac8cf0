package dev.cairn.core.journal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the journal's primitives from one entry's payload, defensively: every length is checked
 * against the bytes that remain and against {@code entryBytesMax} before anything is allocated,
 * varints must be minimal, strings must be well-formed UTF-8. Any violation is {@code journal_corrupt}
 * naming the entry and the field: the checksum already held, so these bytes were written wrong.
 */
final class ByteReader {
  private final byte[] bytes;
  private final int end;
  private final int entryIndex;
  private final int entryBytesMax;
  private int position;

  /** Reads {@code bytes[from, end)}. */
  ByteReader(byte[] bytes, int from, int end, int entryIndex, int entryBytesMax) {
    this.bytes = bytes;
    this.position = from;
    this.end = end;
    this.entryIndex = entryIndex;
    this.entryBytesMax = entryBytesMax;
  }

  int entryIndex() {
    return entryIndex;
  }

  int readByte(String field) {
    if (position >= end) throw malformed("payload ends inside " + field);
    return bytes[position++] & 0xFF;
  }

  long readVarint(String field) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte(field);
      if (shift == 63 && (b & 0xFE) != 0) throw malformed(field + ": varint longer than 64 bits");
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) throw malformed(field + ": varint not in its shortest form");
        return value;
      }
    }
    throw malformed(field + ": varint longer than 10 bytes");
  }

  long readSignedVarint(String field) {
    long v = readVarint(field);
    return (v >>> 1) ^ -(v & 1);
  }

  /** A varint that must fit a non-negative int. */
  int readInt(String field) {
    long v = readVarint(field);
    if (v > Integer.MAX_VALUE) throw malformed(field + ": " + Long.toUnsignedString(v) + " is larger than an int");
    return (int) v;
  }

  Bytes readBytes(String field) {
    int length = readLength(field);
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return Bytes.wrap(out);
  }

  String readString(String field) {
    int length = readLength(field);
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, position, length))
          .toString();
      position += length;
      return text;
    } catch (CharacterCodingException e) {
      throw malformed(field + ": not well-formed UTF-8");
    }
  }

  /** The payload must be used up exactly: trailing bytes mean the writer and this reader disagree. */
  void expectEnd() {
    if (position != end) throw malformed((end - position) + " unexpected bytes after the payload");
  }

  JournalException malformed(String detail) {
    return JournalException.malformed(entryIndex, detail);
  }

  private int readLength(String field) {
    long length = readVarint(field + " length");
    if (length > entryBytesMax) {
      throw malformed(field + ": length " + Long.toUnsignedString(length) + " exceeds entryBytesMax " + entryBytesMax);
    }
    if (length > end - position) {
      throw malformed(field + ": length " + length + " but only " + (end - position) + " bytes remain");
    }
    return (int) length;
  }
}
