package dev.cairn.store.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several encoded entries in one stored row: each as a LEB128 length, then its bytes. A finished
 * stateless journal is one such row instead of a row per entry, because the writer's cost is per
 * row and per statement, not per byte.
 *
 * <p>This is storage framing only: each entry keeps its own CRC32C, and integrity is checked there.
 * Unpacking a damaged row never guesses: the bytes from the first implausible length on come back
 * as one last entry, which the journal codec then rejects as corrupt, naming its index, so nothing
 * after the damage is ever replayed.
 */
final class PackedEntries {
  private PackedEntries() {}

  static byte[] pack(List<byte[]> entries) {
    byte[] out = new byte[packedSize(entries)];
    int end = packInto(entries, out, 0);
    if (end != out.length) throw new IllegalStateException("packed " + end + " bytes, sized " + out.length);
    return out;
  }

  /** How many bytes the packed form of {@code entries} takes. */
  static int packedSize(List<byte[]> entries) {
    int size = 0;
    for (byte[] e : entries) {
      int n = e.length;
      int lengthBytes = 1;
      while ((n & ~0x7F) != 0) {
        lengthBytes++;
        n >>>= 7;
      }
      size += lengthBytes + e.length;
    }
    return size;
  }

  /**
   * Writes the packed form of {@code entries} into {@code into} from {@code at}, which must have
   * {@link #packedSize} bytes of room, and returns where it ended. The one place the framing is written.
   */
  static int packInto(List<byte[]> entries, byte[] into, int at) {
    for (byte[] e : entries) {
      int n = e.length;
      while ((n & ~0x7F) != 0) {
        into[at++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      into[at++] = (byte) n;
      System.arraycopy(e, 0, into, at, e.length);
      at += e.length;
    }
    return at;
  }

  /**
   * The {@code count} entries of {@code row}, appended to {@code into}. Returns false when the row
   * is damaged (then its remaining bytes were appended as one entry, and reading should stop).
   */
  static boolean unpack(byte[] row, long count, List<byte[]> into) {
    int at = 0;
    for (long i = 0; i < count; i++) {
      at = next(row, at, into);
      if (at < 0) {
        return false;
      }
    }
    if (at != row.length) {
      into.add(Arrays.copyOfRange(row, at, row.length));
      return false;
    }
    return true;
  }

  /**
   * Every entry of {@code row}, however many, appended to {@code into}; false (with the damaged rest
   * appended as one entry) as {@link #unpack(byte[], long, List)}. For a summary row's
   * {@code packed} column, whose count is not stored apart from later appends'.
   */
  static boolean unpackAll(byte[] row, List<byte[]> into) {
    int at = 0;
    while (at < row.length) {
      at = next(row, at, into);
      if (at < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends the entry framed at {@code at} and returns where the next one starts; or, when the
   * length there is implausible, appends the bytes from {@code at} on as one entry and returns -1.
   */
  private static int next(byte[] row, int at, List<byte[]> into) {
    int start = at;
    int length = 0;
    int shift = 0;
    boolean ok = false;
    while (at < row.length && shift <= 28) {
      int b = row[at++] & 0xFF;
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        ok = true;
        break;
      }
      shift += 7;
    }
    if (!ok || length < 0 || length > row.length - at) {
      into.add(Arrays.copyOfRange(row, start, row.length));
      return -1;
    }
    into.add(Arrays.copyOfRange(row, at, at + length));
    return at + length;
  }

  /** For tests: unpacks a whole row. */
  static List<byte[]> unpack(byte[] row, long count) {
    List<byte[]> out = new ArrayList<>();
    unpack(row, count, out);
    return out;
  }
}
