package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The decoder's refusals, one by one, on frames made by hand with a checksum that holds. */
class JournalCodecTest {
  private final JournalCodec codec = JournalCodec.DEFAULT;

  @Test
  void aChecksumMismatchNamesTheEntryAndBothChecksums() {
    byte[] encoded = codec.encode(new Resumed(2000), 12); // 01 06 a0 1f + d8 f5 96 8e, see golden-v1.hex
    encoded[3] = 0x20;

    assertThatThrownBy(() -> codec.decode(encoded, 12))
        .isInstanceOfSatisfying(JournalException.class, e -> {
          assertThat(e.code()).isEqualTo("journal_corrupt");
          assertThat(e.entryIndex()).isEqualTo(12);
        })
        .hasMessageStartingWith("entry 12: checksum mismatch: stored CRC32C 0x8e96f5d8, computed 0x");
  }

  @Test
  void anUnknownVersionSaysWhichWasFoundAndWhichAreRead() {
    decoding("02 06 a0 1f", 5)
        .hasMessage("entry 5: written in journal format version 2, this build reads version 1; read it with a Cairn that knows version 2")
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_version_unsupported"));
    decoding("00 06 a0 1f", 5).satisfies(e -> assertThat(((JournalException) e).code()).isEqualTo("journal_version_unsupported"));
  }

  @Test
  void tooShortToBeAnEntryIsTruncated() {
    assertThatThrownBy(() -> codec.decode(new byte[] {1, 6, 0}, 9))
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_truncated"))
        .hasMessage("entry 9: truncated: 3 bytes, an entry has at least 6");
  }

  @Test
  void structureErrorsBehindAValidChecksumAreCorrupt() {
    corrupt("01 07 00", "unknown entry kind 0x07 in format version 1");
    corrupt("01 06 a0 1f 00", "1 unexpected bytes after the payload");
    corrupt("01 06 a0", "payload ends inside timeMs");
    corrupt("01 06 80 00", "timeMs: varint not in its shortest form");
    corrupt("01 06 ff ff ff ff ff ff ff ff ff 02", "timeMs: varint longer than 64 bits");
    corrupt("01 05 05 73 6c", "reason: length 5 but only 2 bytes remain");
    corrupt("01 05 ff ff ff ff 0f 00", "reason: length 4294967295 exceeds entryBytesMax 16777216");
    corrupt("01 05 02 c3 28 00", "reason: not well-formed UTF-8");
    corrupt("01 05 03 ed a0 80 00", "reason: not well-formed UTF-8"); // an encoded lone surrogate
    corrupt("01 02 80 80 80 80 08 03 6e 6f 77 00 00 00 00 00", "seq: 2147483648 is larger than an int");
    corrupt("01 02 00 00 00 00 00 00 00", "op is empty");
    corrupt("01 02 00 03 6e 6f 77 00 02 00 00", "unknown outcome tag 0x02");
    corrupt("01 02 00 03 6e 6f 77 00 00 00 00 ff ff ff ff ff ff ff ff ff 01", "durationUs 18446744073709551615 is out of range");
  }

  @Test
  void varintsAtTheirBoundariesRoundTrip() {
    for (long v : new long[] {0, 1, 63, 64, -64, -65, 8191, 8192, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
      JournalEntry entry = new Resumed(v);
      byte[] encoded = codec.encode(entry);
      long zigzag = (v << 1) ^ (v >> 63);
      assertThat(encoded).as("%d", v).hasSize(2 + ByteWriter.varintSize(zigzag) + 4);
      assertThat(codec.decode(encoded, 0)).isEqualTo(entry);
    }
    assertThat(ByteWriter.varintSize(0)).isEqualTo(1);
    assertThat(ByteWriter.varintSize(127)).isEqualTo(1);
    assertThat(ByteWriter.varintSize(128)).isEqualTo(2);
    assertThat(ByteWriter.varintSize(-1)).isEqualTo(10);
  }

  @Test
  void loneSurrogatesBecomeReplacementCharactersSoTheEntryRoundTrips() {
    Started started = new Started("a\ud800b", "t", "fetch", Bytes.EMPTY, "v", 0, 0);

    assertThat(started.invocationId()).isEqualTo("a\ufffdb");
    assertThat(codec.decode(codec.encode(started), 0)).isEqualTo(started);
  }

  @Test
  void entriesRefuseValuesThatCannotBeRecorded() {
    assertThatThrownBy(() -> new HostCall(-1, "now", Bytes.EMPTY, new Outcome.Value(Bytes.EMPTY), 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
    assertThatThrownBy(() -> new HostCall(0, "", Bytes.EMPTY, new Outcome.Value(Bytes.EMPTY), 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("op");
    assertThatThrownBy(() -> new HostCall(0, "now", Bytes.EMPTY, new Outcome.Value(Bytes.EMPTY), 0, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durationUs");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> decoding(String hex, int index) {
    byte[] frame = JournalFrames.hex(hex);
    return assertThatThrownBy(() -> codec.decode(frame, index)).isInstanceOf(JournalException.class);
  }

  private void corrupt(String hex, String detail) {
    decoding(hex, 3)
        .hasMessage("entry 3: malformed entry: " + detail)
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_corrupt"));
  }
}
