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
 *   <li>its <b>index</b>: a version byte, the number of journals, then per journal its summary and
 *       where its packed entries lie in the data part (offset, length); a CRC32C of all that closes
 *       it, so a damaged index is refused, never half-read;
 *   <li>its <b>data</b>: each journal's entries framed by {@link PackedEntries}, back to back. The
 *       entries keep their own checksums; a damaged data part is caught there, per entry.
 * </ul>
 *
 * <p>Numbers are LEB128 varints (start times as zig-zag deltas from the block's first), strings
 * UTF-8 with a varint length. A block is immutable once written: retention deletes it whole.
 */
final class FinishedBlock {
  /** Bumped on any change of the index layout; a newer one is refused, not misread. */
  static final int VERSION = 1;

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
      for (byte[] e : entries) {
        data.varint(e.length);
        data.write(e, 0, e.length);
      }
      items.add(new Item(summary, start, data.size() - start));
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

    byte[] index() {
      Bytes out = new Bytes(64 + items.size() * 64);
      out.write(VERSION);
      out.varint(items.size());
      long base = items.isEmpty() ? 0 : items.getFirst().summary().startedAtMs();
      for (Item item : items) {
        InvocationSummary s = item.summary();
        out.string(s.invocationId());
        out.string(s.target());
        out.string(s.kind());
        out.write(s.status().ordinal());
        long delta = s.startedAtMs() - base;
        out.varint((delta << 1) ^ (delta >> 63));
        out.varint(s.durationMs());
        out.varint(s.entryCount());
        out.varint(s.bytes());
        out.varint(item.dataOffset());
        out.varint(item.dataLength());
      }
      out.varint(base);
      CRC32C crc = new CRC32C();
      crc.update(out.bytes, 0, out.size);
      int c = (int) crc.getValue();
      out.write(c >>> 24);
      out.write(c >>> 16);
      out.write(c >>> 8);
      out.write(c);
      return out.toByteArray();
    }
  }

  /** Thrown for an index that fails its checksum or does not parse: the block's journals cannot be found. */
  static final class DamagedIndex extends Exception {
    DamagedIndex(String message) {
      super(message, null, false, false);
    }
  }

  /** The items of a block's index, in the order written. */
  static List<Item> readIndex(byte[] index) throws DamagedIndex {
    if (index.length < 5) throw new DamagedIndex("index of " + index.length + " bytes");
    CRC32C crc = new CRC32C();
    crc.update(index, 0, index.length - 4);
    int n = index.length;
    int stored = ((index[n - 4] & 0xFF) << 24) | ((index[n - 3] & 0xFF) << 16) | ((index[n - 2] & 0xFF) << 8) | (index[n - 1] & 0xFF);
    if ((int) crc.getValue() != stored) throw new DamagedIndex("index checksum mismatch");
    if (index[0] != VERSION) throw new DamagedIndex("index version " + index[0] + ", this Cairn reads " + VERSION);
    Reader r = new Reader(index, 1, n - 4);
    long count = r.varint();
    if (count < 0 || count > n) throw new DamagedIndex("index claims " + count + " journals");
    record Raw(String id, String target, String kind, Status status, long delta, long duration, long entries, long bytes,
        long offset, long length) {}
    List<Raw> raws = new ArrayList<>((int) count);
    Status[] statuses = Status.values();
    for (long i = 0; i < count; i++) {
      String id = r.string();
      String target = r.string();
      String kind = r.string();
      int status = r.u8();
      if (status >= statuses.length) throw new DamagedIndex("status " + status);
      long zz = r.varint();
      raws.add(new Raw(id, target, kind, statuses[status], (zz >>> 1) ^ -(zz & 1), r.varint(), r.varint(), r.varint(),
          r.varint(), r.varint()));
    }
    long base = r.varint();
    if (!r.atEnd()) throw new DamagedIndex("index has trailing bytes");
    List<Item> items = new ArrayList<>(raws.size());
    for (Raw x : raws) {
      if (x.offset() > Integer.MAX_VALUE || x.length() > Integer.MAX_VALUE) throw new DamagedIndex("data range out of bounds");
      items.add(new Item(new InvocationSummary(x.id(), x.target(), x.kind(), x.status(), base + x.delta(), x.duration(),
          x.entries(), x.bytes()), (int) x.offset(), (int) x.length()));
    }
    return items;
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
