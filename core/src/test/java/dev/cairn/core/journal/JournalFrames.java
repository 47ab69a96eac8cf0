package dev.cairn.core.journal;

import java.util.Arrays;
import java.util.HexFormat;

/** Test helper: frames made by hand, with a checksum that holds, to reach the checks behind it. */
final class JournalFrames {
  private JournalFrames() {}

  /** {@code body} followed by its CRC32C, little-endian. */
  static byte[] withChecksum(byte[] body) {
    byte[] framed = Arrays.copyOf(body, body.length + 4);
    int crc = JournalCodec.crc32c(body, body.length);
    for (int i = 0; i < 4; i++) framed[body.length + i] = (byte) (crc >>> (8 * i));
    return framed;
  }

  /** Hex digits, spaces ignored, followed by their checksum. */
  static byte[] hex(String digits) {
    return withChecksum(HexFormat.of().parseHex(digits.replace(" ", "")));
  }
}
