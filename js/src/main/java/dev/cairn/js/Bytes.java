package dev.cairn.js;

import java.nio.ByteOrder;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/** Moves bytes between Java arrays and JavaScript typed arrays without per-byte calls where possible. */
public final class Bytes {
  private Bytes() {}

  /** A new JS Uint8Array holding a copy of {@code bytes}. Call on the context's thread. */
  public static Value toUint8Array(Context ctx, byte[] bytes) {
    // Typed arrays are read-only buffers to Java; their ArrayBuffer is writable.
    Value globals = ctx.getBindings("js");
    Value buffer = globals.getMember("ArrayBuffer").newInstance(bytes.length);
    int i = 0;
    for (; i + 8 <= bytes.length; i += 8) {
      long v = 0;
      for (int k = 7; k >= 0; k--) v = (v << 8) | (bytes[i + k] & 0xFFL);
      buffer.writeBufferLong(ByteOrder.LITTLE_ENDIAN, i, v);
    }
    for (; i < bytes.length; i++) buffer.writeBufferByte(i, bytes[i]);
    return globals.getMember("Uint8Array").newInstance(buffer);
  }

  /** The bytes of a JS ArrayBuffer or typed array (honouring a view's offset and length). */
  public static byte[] fromBuffer(Value value) {
    if (value.hasBufferElements()) {
      int size = (int) value.getBufferSize();
      byte[] out = new byte[size];
      value.readBuffer(0, out, 0, size);
      return out;
    }
    // A typed array or DataView: read its window of the underlying ArrayBuffer.
    Value buffer = value.hasMember("buffer") ? value.getMember("buffer") : null;
    if (buffer == null || !buffer.hasBufferElements()) throw new IllegalArgumentException("not a buffer: " + value);
    int offset = value.getMember("byteOffset").asInt();
    int length = value.getMember("byteLength").asInt();
    byte[] out = new byte[length];
    buffer.readBuffer(offset, out, 0, length);
    return out;
  }
}
