package dev.cairn.store.journal;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The format of one finished block: many finished stateless journals stored as one row (see
 * {@link JournalSchema}). A block has two parts:
 *
 * <ul>
 *   <li>its <b>index</b>: a version byte, the number of journals {@code n} and the first start time;
 *       then the journals' ids, sorted, as {@code n} fixed 14-byte values (a minted id is 28 hex
 *       digits), so one journal is found by binary search without decoding the others; then
 *       {@code n} 4-byte offsets of each journal's record, and the records: the rest of its summary
 *       and where its packed entries lie in the data part (offset, length). A CRC32C of all that
 *       closes it, so a damaged index is refused, never half-read;
 *   <li>its <b>data</b>: each journal's entries framed by {@link PackedEntries}, back to back. The
 *       entries keep their own checksums; a damaged data part is caught there, per entry.
 * </ul>
 *
 * <p>Numbers are LEB128 varints (start times as zig-zag deltas from the block's first), strings
 * UTF-8 with a varint length. A block is immutable once written: retention deletes it whole.
 */
final class FinishedBlock {
  /** Bumped on any change of the index layout; a newer one is refused, not misread. */
  static final int VERSION = 2;
  private static final int ID_BYTES = 14;

  /** One journal of a block: its summary and where its packed entries lie in the data part. */
  record Item(InvocationSummary summary, int dataOffset, int dataLength) {}

  private FinishedBlock() {}

  /** Builds a block from journals (summary with counts filled in, and the packed entries of each). */
  static final class Builder {
    private final Bytes data = new Bytes(64 * 1024);
    private final List<Item> items = new ArrayList<>();

    /** Adds a journal: its summary (counts filled in) and its entries, packed into the data part. */
    void add(InvocationSummary summary, List<byte[]> entries) {
      int start = data.size();
      int size = PackedEntries.packedSize(entries);
      data.room(size);
      data.size = PackedEntries.packInto(entries, data.bytes, start);
      items.add(new Item(summary, start, size));
    }

    /** Adds a journal whose entries are already packed: {@code length} bytes of {@code packed} from {@code offset}. */
    void addPacked(InvocationSummary summary, byte[] packed, int offset, int length) {
      int start = data.size();
      data.write(packed, offset, length);
      items.add(new Item(summary, start, length));
    }

    int journals() {
      return items.size();
    }

    int dataBytes() {
      return data.size();
    }

    List<Item> items() {
      return items;
    }

    byte[] data() {
      return data.toByteArray();
    }

    /** The index: ids sorted (so {@link #find} can search it), every item's record at its offset. */
    byte[] index() {
      List<Item> sorted = new ArrayList<>(items);
      sorted.sort(java.util.Comparator.comparing(item -> item.summary().invocationId()));
      long base = sorted.isEmpty() ? 0 : sorted.getFirst().summary().startedAtMs();
      Bytes records = new Bytes(64 + sorted.size() * 48);
      int[] offsets = new int[sorted.size()];
      for (int i = 0; i < sorted.size(); i++) {
        offsets[i] = records.size();
        Item item = sorted.get(i);
        InvocationSummary s = item.summary();
        records.string(s.target());
        records.string(s.kind());
        records.write(s.status().ordinal());
        long delta = s.startedAtMs() - base;
        records.varint((delta << 1) ^ (delta >> 63));
        records.varint(s.durationMs());
        records.varint(s.entryCount());
        records.varint(s.bytes());
        records.varint(item.dataOffset());
        records.varint(item.dataLength());
      }
      Bytes out = new Bytes(32 + sorted.size() * (ID_BYTES + 4) + records.size());
      out.write(VERSION);
      out.varint(sorted.size());
      out.varint(base);
      for (Item item : sorted) {
        byte[] id = idBytes(item.summary().invocationId());
        if (id == null) throw new IllegalArgumentException("not a minted invocation id: " + item.summary().invocationId());
        out.write(id, 0, ID_BYTES);
      }
      for (int offset : offsets) out.int32(offset);
      out.write(records.bytes, 0, records.size);
      CRC32C crc = new CRC32C();
      crc.update(out.bytes, 0, out.size);
      out.int32((int) crc.getValue());
      return out.toByteArray();
    }
  }

  /** The 14 bytes of a minted id (28 lower-case hex digits), or null when {@code id} is not one. */
  static byte[] idBytes(String id) {
    if (id.length() != 2 * ID_BYTES) return null;
    byte[] out = new byte[ID_BYTES];
    for (int i = 0; i < ID_BYTES; i++) {
      int hi = hex(id.charAt(2 * i));
      int lo = hex(id.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) return null;
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private static String idString(byte[] index, int at) {
    char[] out = new char[2 * ID_BYTES];
    for (int i = 0; i < ID_BYTES; i++) {
      int b = index[at + i] & 0xFF;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xF];
    }
    return new String(out);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Thrown for an index that fails its checksum or does not parse: the block's journals cannot be found. */
  static final class DamagedIndex extends Exception {
    DamagedIndex(String message) {
      super(message, null, false, false);
    }
  }

  /** The layout of a checked index: where its sections start. */
  private record Layout(int count, long base, int ids, int offsets, int records, int end) {}

  private static Layout layout(byte[] index) throws DamagedIndex {
    if (index.length < 5) throw new DamagedIndex("index of " + index.length + " bytes");
    CRC32C crc = new CRC32C();
    crc.update(index, 0, index.length - 4);
    int n = index.length;
    int stored = ((index[n - 4] & 0xFF) << 24) | ((index[n - 3] & 0xFF) << 16) | ((index[n - 2] & 0xFF) << 8) | (index[n - 1] & 0xFF);
    if ((int) crc.getValue() != stored) throw new DamagedIndex("index checksum mismatch");
    if (index[0] != VERSION) throw new DamagedIndex("index version " + index[0] + ", this Cairn reads " + VERSION);
    Reader r = new Reader(index, 1, n - 4);
    long count = r.varint();
    long base = r.varint();
    long ids = r.at;
    long offsets = ids + count * ID_BYTES;
    long records = offsets + count * 4;
    if (count < 0 || records > n - 4) throw new DamagedIndex("index claims " + count + " journals");
    return new Layout((int) count, base, (int) ids, (int) offsets, (int) records, n - 4);
  }

  /** The items of a block's index, sorted by id. */
  static List<Item> readIndex(byte[] index) throws DamagedIndex {
    Layout l = layout(index);
    List<Item> items = new ArrayList<>(l.count());
    Reader r = new Reader(index, l.records(), l.end());
    for (int i = 0; i < l.count(); i++) {
      items.add(record(r, idString(index, l.ids() + i * ID_BYTES), l.base()));
    }
    if (!r.atEnd()) throw new DamagedIndex("index has trailing bytes");
    return items;
  }

  /** The item of {@code invocationId} in a block's index, by binary search over its ids; null when absent. */
  static Item find(byte[] index, String invocationId) throws DamagedIndex {
    byte[] wanted = idBytes(invocationId);
    if (wanted == null) return null;
    Layout l = layout(index);
    int lo = 0;
    int hi = l.count() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = java.util.Arrays.compareUnsigned(index, l.ids() + mid * ID_BYTES, l.ids() + (mid + 1) * ID_BYTES,
          wanted, 0, ID_BYTES);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        int at = l.offsets() + mid * 4;
        int offset = ((index[at] & 0xFF) << 24) | ((index[at + 1] & 0xFF) << 16) | ((index[at + 2] & 0xFF) << 8) | (index[at + 3] & 0xFF);
        if (offset < 0 || l.records() + (long) offset >= l.end()) throw new DamagedIndex("record offset " + offset + " out of bounds");
        return record(new Reader(index, l.records() + offset, l.end()), invocationId, l.base());
      }
    }
    return null;
  }

  private static Item record(Reader r, String id, long base) throws DamagedIndex {
    String target = r.string();
    String kind = r.string();
    int status = r.u8();
    Status[] statuses = Status.values();
    if (status >= statuses.length) throw new DamagedIndex("status " + status);
    long zz = r.varint();
    long delta = (zz >>> 1) ^ -(zz & 1);
    long duration = r.varint();
    long entries = r.varint();
    long bytes = r.varint();
    long offset = r.varint();
    long length = r.varint();
    if (offset > Integer.MAX_VALUE || length > Integer.MAX_VALUE) throw new DamagedIndex("data range out of bounds");
    return new Item(new InvocationSummary(id, target, kind, statuses[status], base + delta, duration, entries, bytes),
        (int) offset, (int) length);
  }

  /** A growable byte array: what ByteArrayOutputStream is, without a lock per byte. */
  private static final class Bytes {
    private byte[] bytes;
    private int size;

    Bytes(int capacity) {
      bytes = new byte[capacity];
    }

    int size() {
      return size;
    }

    void write(int b) {
      room(1);
      bytes[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
      room(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    void int32(int v) {
      room(4);
      bytes[size++] = (byte) (v >>> 24);
      bytes[size++] = (byte) (v >>> 16);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
    }

    void varint(long v) {
      room(10);
      while ((v & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      write(b, 0, b.length);
    }

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(bytes, size);
    }

    private void room(int n) {
      if (size + n > bytes.length) bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }
  }

  /** Reads the index's fields, bounds-checked: a short or implausible field is a damaged index. */
  private static final class Reader {
    private final byte[] bytes;
    private int at;
    private final int end;

    Reader(byte[] bytes, int at, int end) {
      this.bytes = bytes;
      this.at = at;
      this.end = end;
    }

    boolean atEnd() {
      return at == end;
    }

    int u8() throws DamagedIndex {
      if (at >= end) throw new DamagedIndex("index ends early");
      return bytes[at++] & 0xFF;
    }

    long varint() throws DamagedIndex {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) return v;
      }
      throw new DamagedIndex("varint too long");
    }

    String string() throws DamagedIndex {
      long n = varint();
      if (n < 0 || n > end - at) throw new DamagedIndex("string of " + n + " bytes");
      String s = new String(bytes, at, (int) n, StandardCharsets.UTF_8);
      at += (int) n;
      return s;
    }
  }
}
