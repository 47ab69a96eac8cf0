package dev.cairn.store.entity;

import java.io.ByteArrayOutputStream;

/**
 * Keys as stored: each UTF-16 code unit encoded on its own, UTF-8 style (CESU-8, so a surrogate
 * takes 3 bytes). Why not UTF-8 text: SQLite compares text and blobs byte by byte, and UTF-8 byte
 * order is code-point order, which puts U+E000–U+FFFF <em>after</em> supplementary characters,
 * while Durable Objects list keys in UTF-16 code-unit order (JavaScript's {@code <}). Encoding code
 * units preserves their order under {@code memcmp}, and also stores lone surrogates, which
 * JavaScript strings may hold and UTF-8 cannot. The bytes never contain {@code 0xFF}, so
 * {@code prefix + 0xFF} bounds every key that starts with {@code prefix}.
 */
final class KeyCodec {
  /** Greater than every first byte of a key: an upper bound for "all keys". */
  static final byte[] ABOVE_ALL = {(byte) 0xFF};

  private KeyCodec() {}

  static byte[] encode(String key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(key.length() + 8);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    return out.toByteArray();
  }

  static String decode(byte[] bytes) {
    StringBuilder key = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        key.append((char) b);
        i += 1;
      } else if (b < 0xE0) {
        key.append((char) (((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
        i += 2;
      } else {
        key.append((char) (((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
        i += 3;
      }
    }
    return key.toString();
  }

  /** The least byte string greater than every encoding that starts with {@code prefix}'s. */
  static byte[] prefixEnd(String prefix) {
    byte[] encoded = encode(prefix);
    byte[] end = java.util.Arrays.copyOf(encoded, encoded.length + 1);
    end[encoded.length] = (byte) 0xFF;
    return end;
  }
}
