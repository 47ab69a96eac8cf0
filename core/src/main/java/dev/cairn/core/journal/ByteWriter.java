package dev.cairn.core.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends the journal's primitives to a growing array: LEB128 varints, zigzag, length-prefixed bytes.
 * Bounded: it refuses to grow past {@code bytesMax} ({@code journal_limit_exceeded}), so an oversized
 * entry fails before its copy is made.
 */
final class ByteWriter {
  private final int entryIndex;
  private final int bytesMax;
  private byte[] buffer;
  private int size;

  ByteWriter(int entryIndex, int bytesMax) {
    this.entryIndex = entryIndex;
    this.bytesMax = bytesMax;
    this.buffer = new byte[Math.min(64, bytesMax)];
  }

  void writeByte(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  /** Unsigned LEB128: seven bits at a time, low bits first, high bit set on all but the last byte. */
  void writeVarint(long value) {
    ensure(varintSize(value));
    while ((value & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  static int varintSize(long value) {
    return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
  }

  /** Zigzag then LEB128, so small negative numbers stay short: 0, -1, 1, -2 become 0, 1, 2, 3. */
  void writeSignedVarint(long value) {
    writeVarint((value << 1) ^ (value >> 63));
  }

  void writeBytes(Bytes bytes) {
    writeRaw(bytes.array());
  }

  void writeString(String text) {
    writeRaw(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Four bytes, least significant first. */
  void writeIntLittleEndian(int value) {
    ensure(4);
    for (int i = 0; i < 4; i++) buffer[size++] = (byte) (value >>> (8 * i));
  }

  int size() {
    return size;
  }

  /** The bytes written so far, for computing a checksum over them in place. */
  byte[] buffer() {
    return buffer;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void writeRaw(byte[] bytes) {
    writeVarint(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(int more) {
    if (buffer.length - size >= more) return;
    long needed = (long) size + more;
    if (needed > bytesMax) {
      throw JournalException.limitExceededAtLeast(entryIndex, "entryBytesMax", bytesMax, needed);
    }
    buffer = Arrays.copyOf(buffer, (int) Math.min(bytesMax, Math.max((long) buffer.length * 2, needed)));
  }
}
