package dev.cairn.server.journal;

import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Recorded journals for tests, with payloads as docs/journal.md fixes them. */
public final class JournalFixtures {
  private JournalFixtures() {}

  /** A fetch to {@code api}: an rpc to adder, a log line, a 200 answer. Four entries. */
  public static List<byte[]> addJournal(String id) {
    Journal j = Journal.begin(new JournalEntry.Started(id, "api", "fetch",
        Bytes.utf8("{\"method\":\"GET\",\"url\":\"http://127.0.0.1:8787/add\",\"headers\":[],\"body\":\"\"}"),
        "3f2a9c01d4e5b6a7", 42, 1_000_000));
    j.append(new JournalEntry.HostCall(0, "service.rpc",
        Bytes.utf8("{\"service\":\"adder\",\"method\":\"add\",\"args\":\"[2,3]\"}"),
        new Outcome.Value(Bytes.utf8("{\"value\":\"5\"}")), 1_000_001, 800));
    j.append(new JournalEntry.HostCall(1, "log", Bytes.utf8("{\"level\":\"log\",\"text\":\"hello\"}"),
        new Outcome.Value(Bytes.utf8("{}")), 1_000_002, 0));
    j.append(new JournalEntry.Completed(
        Bytes.utf8("{\"status\":200,\"headers\":[[\"content-type\",\"application/json\"]],\"body\":\"{\\\"sum\\\":5}\"}"), 1_000_036));
    return frames(j);
  }

  public static List<byte[]> frames(Journal j) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < j.size(); i++) out.add(j.encoded(i).toArray());
    return out;
  }

  /** {@code frames} with one bit of entry {@code index} flipped: its checksum no longer holds. */
  public static List<byte[]> flipped(List<byte[]> frames, int index) {
    List<byte[]> out = new ArrayList<>(frames);
    byte[] bad = frames.get(index).clone();
    bad[3] ^= 0x01;
    out.set(index, bad);
    return out;
  }

  /** {@code frames} with entry {@code index} rewritten as format {@code version}, checksum recomputed. */
  public static List<byte[]> withVersion(List<byte[]> frames, int index, int version) {
    List<byte[]> out = new ArrayList<>(frames);
    byte[] entry = frames.get(index).clone();
    entry[0] = (byte) version;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(entry, 0, entry.length - 4);
    int sum = (int) crc.getValue();
    for (int i = 0; i < 4; i++) entry[entry.length - 4 + i] = (byte) (sum >>> (8 * i));
    out.set(index, entry);
    return out;
  }
}
