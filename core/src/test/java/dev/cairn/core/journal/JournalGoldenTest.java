package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Format version 1 is frozen: {@code golden-v1.hex} holds entries encoded by hand (and checksummed by
 * an independent CRC32C), and this build must read them and write them byte for byte. If this fails,
 * the encoding changed: restore it, and put the change in a new format version instead.
 */
class JournalGoldenTest {
  static final List<JournalEntry> EXPECTED = List.of(
      new Started("inv-1", "api", "fetch", Bytes.utf8("hi"), "v1", Long.MIN_VALUE, 1000),
      new HostCall(0, "now", Bytes.EMPTY, new Outcome.Value(Bytes.utf8("1000")), 1000, 5),
      new HostCall(1, "kv.get", Bytes.utf8("k"), new Outcome.Error("not_found", "no k"), 1001, 300),
      new Suspended("sleep", 1002),
      new Resumed(2000),
      new Completed(Bytes.utf8("ok"), 2001),
      new Failed("boom", "bad \u00e9", "at x", -3));

  @Test
  void version1EntriesReadAsWritten() throws IOException {
    List<byte[]> golden = goldenFrames();
    assertThat(golden).hasSameSizeAs(EXPECTED);

    for (int i = 0; i < golden.size(); i++) {
      assertThat(JournalCodec.DEFAULT.decode(golden.get(i), i)).as("golden entry %d", i).isEqualTo(EXPECTED.get(i));
    }
  }

  @Test
  void version1EntriesAreWrittenByteForByte() throws IOException {
    List<byte[]> golden = goldenFrames();

    for (int i = 0; i < golden.size(); i++) {
      assertThat(HexFormat.of().formatHex(JournalCodec.DEFAULT.encode(EXPECTED.get(i), i)))
          .as("golden entry %d", i)
          .isEqualTo(HexFormat.of().formatHex(golden.get(i)));
    }
  }

  @Test
  void theGoldenEntriesUpToCompletedFormAValidJournal() throws IOException {
    Journal journal = Journal.fromEncoded(goldenFrames().subList(0, 6));

    assertThat(journal.size()).isEqualTo(6);
    assertThat(journal.hostCalls()).extracting(HostCall::op).containsExactly("now", "kv.get");
    assertThat(journal.outcome()).contains((JournalEntry.End) EXPECTED.get(5));
  }

  /** Blocks of hex lines; {@code #} starts a comment line, a blank line ends a block. */
  static List<byte[]> goldenFrames() throws IOException {
    String text;
    try (InputStream in = JournalGoldenTest.class.getResourceAsStream("golden-v1.hex")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<byte[]> frames = new ArrayList<>();
    StringBuilder block = new StringBuilder();
    for (String line : (text + "\n\n").split("\n", -1)) {
      if (line.startsWith("#")) continue;
      if (line.isBlank()) {
        if (!block.isEmpty()) frames.add(HexFormat.of().parseHex(block.toString()));
        block.setLength(0);
      } else {
        block.append(line.replace(" ", ""));
      }
    }
    return frames;
  }
}
