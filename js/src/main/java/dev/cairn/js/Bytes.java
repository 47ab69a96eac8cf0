package dev.cairn.js;

import java.nio.ByteOrder;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/** Moves bytes between Java arrays and JavaScript typed arrays without per-byte calls where possible. */
public final class Bytes {
  private Bytes() {}

  /** A new JS Uint8Array holding a copy of {@code bytes}. Call on the context's thread. */
  public static Value toUint8Array(Context ctx, byte[] bytes) {
    Value array = ctx.getBindings("js").getMember("Uint8Array").newInstance(bytes.length);
    int i = 0;
    for (; i + 8 <= bytes.length; i += 8) {
      long v = 0;
      for (int k = 7; k >= 0; k--) v = (v << 8) | (bytes[i + k] & 0xFFL);
      array.writeBufferLong(ByteOrder.LITTLE_ENDIAN, i, v);
    }
    for (; i < bytes.length; i++) array.writeBufferByte(i, bytes[i]);
    return array;
  }

  /** The bytes of a JS ArrayBuffer or typed array (honouring a view's offset and length). */
  public static byte[] fromBuffer(Value value) {
    if (!value.hasBufferElements()) throw new IllegalArgumentException("not a buffer: " + value);
    int size = (int) value.getBufferSize();
    byte[] out = new byte[size];
    value.readBuffer(0, out, 0, size);
    return out;
  }
}
