package dev.cairn.core.journal;

import java.util.zip.CRC32C;

/**
 * Encodes one {@link JournalEntry} into bytes and back. Each encoded entry is a frame:
 *
 * <pre>
 *   [format version: 1 byte][kind: 1 byte][payload][CRC32C of all bytes before it: 4 bytes, little-endian]
 * </pre>
 *
 * The payload layout belongs to the version ({@link FormatV1}). Decoding checks, in order: the size
 * against {@code entryBytesMax}, the minimum size, the checksum, the version, then the payload,
 * field by field. It never returns an entry from bytes that failed any of these. Stateless and
 * thread-safe.
 */
public final class JournalCodec {
  /** The version this build writes. Older versions stay readable; see {@link #decode}. */
  public static final int FORMAT_VERSION = FormatV1.VERSION;

  static final int CHECKSUM_BYTES = 4;
  /** Version byte, kind byte and checksum. */
  static final int ENTRY_BYTES_MIN = 2 + CHECKSUM_BYTES;

  public static final JournalCodec DEFAULT = new JournalCodec(JournalLimits.ENTRY_BYTES_MAX_DEFAULT);

  private final int entryBytesMax;

  public JournalCodec(int entryBytesMax) {
    if (entryBytesMax < ENTRY_BYTES_MIN) {
      throw new IllegalArgumentException("entryBytesMax must be >= " + ENTRY_BYTES_MIN + ", got " + entryBytesMax);
    }
    this.entryBytesMax = entryBytesMax;
  }

  public int entryBytesMax() {
    return entryBytesMax;
  }

  /**
   * Encodes {@code entry}, the journal's entry number {@code entryIndex} (named in errors).
   *
   * @throws JournalException {@code journal_limit_exceeded} when the frame would exceed {@code entryBytesMax}
   */
  public byte[] encode(JournalEntry entry, int entryIndex) {
    ByteWriter out = new ByteWriter(entryIndex, entryBytesMax); // refuses to grow past the limit
    out.writeByte(FORMAT_VERSION);
    FormatV1.write(entry, out);
    out.writeIntLittleEndian(crc32c(out.buffer(), out.size()));
    return out.toByteArray();
  }

  /** Encodes an entry outside a journal; errors name it entry 0. */
  public byte[] encode(JournalEntry entry) {
    return encode(entry, 0);
  }

  /**
   * Decodes the journal's entry number {@code entryIndex}.
   *
   * @throws JournalException {@code journal_limit_exceeded}, {@code journal_truncated}, {@code
   *     journal_corrupt} or {@code journal_version_unsupported}
   */
  public JournalEntry decode(byte[] bytes, int entryIndex) {
    if (bytes.length > entryBytesMax) {
      throw JournalException.limitExceeded(entryIndex, "entryBytesMax", entryBytesMax, bytes.length);
    }
    if (bytes.length < ENTRY_BYTES_MIN) {
      throw JournalException.truncated(entryIndex, bytes.length, ENTRY_BYTES_MIN);
    }
    int end = bytes.length - CHECKSUM_BYTES;
    int stored = readIntLittleEndian(bytes, end);
    int computed = crc32c(bytes, end);
    if (stored != computed) {
      throw JournalException.checksumMismatch(entryIndex, stored, computed);
    }
    int version = bytes[0] & 0xFF;
    ByteReader payload = new ByteReader(bytes, 1, end, entryIndex, entryBytesMax);
    return switch (version) {
      case FormatV1.VERSION -> FormatV1.read(payload);
      default -> throw JournalException.versionUnsupported(entryIndex, version, FORMAT_VERSION);
    };
  }

  static int crc32c(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static int readIntLittleEndian(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 3] & 0xFF) << 24;
  }
}
