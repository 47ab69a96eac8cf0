package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The codec's promises, over generated entries of every kind: what is encoded decodes to an equal
 * entry and re-encodes to the same bytes; a changed or cut entry is always refused, never read as
 * another entry; arbitrary bytes behind a valid checksum give an entry or a journal error, nothing
 * else. jqwik prints the seed of a failing try.
 */
class JournalCodecProperties {
  private final JournalCodec codec = JournalCodec.DEFAULT;

  @Provide
  Arbitrary<JournalEntry> entries() {
    return JournalArbitraries.entries();
  }

  @Property(tries = 1000)
  void decodingAnEncodedEntryGivesItBack(@ForAll("entries") JournalEntry entry) {
    byte[] encoded = codec.encode(entry, 3);

    JournalEntry decoded = codec.decode(encoded, 3);

    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.hashCode()).isEqualTo(entry.hashCode());
    assertThat(codec.encode(decoded, 3)).as("one encoding per entry").isEqualTo(encoded);
    assertThat(encoded[0]).isEqualTo((byte) JournalCodec.FORMAT_VERSION);
  }

  @Property(tries = 1000)
  void changingAnyOneByteIsDetected(
      @ForAll("entries") JournalEntry entry,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    byte[] encoded = codec.encode(entry, 7);
    int position = where % encoded.length;
    encoded[position] ^= (byte) flip;

    JournalException e = catchThrowableOfType(JournalException.class, () -> codec.decode(encoded, 7));

    assertThat(e).as("byte %d of %d changed by 0x%02x", position, encoded.length, flip).isNotNull();
    assertThat(e.code()).isEqualTo("journal_corrupt");
    assertThat(e.getMessage()).startsWith("entry 7: checksum mismatch");
  }

  @Property(tries = 200)
  void cuttingAnEntryAtAnyLengthIsDetected(@ForAll("entries") JournalEntry entry) {
    byte[] encoded = codec.encode(entry, 2);
    int step = Math.max(1, encoded.length / 500); // every length for small entries, a dense sample for large ones
    for (int length = 0; length < encoded.length; length += length < 64 ? 1 : step) {
      byte[] cut = Arrays.copyOf(encoded, length);

      JournalException e = catchThrowableOfType(JournalException.class, () -> codec.decode(cut, 2));

      assertThat(e).as("cut to %d of %d bytes", length, encoded.length).isNotNull();
      assertThat(e.code()).isIn("journal_truncated", "journal_corrupt");
      assertThat(e.entryIndex()).isEqualTo(2);
    }
  }

  /** A fuzz of the structure checks: the checksum is made to hold, so only the payload reader stands guard. */
  @Property(tries = 2000)
  void bytesWithAValidChecksumDecodeToAnEntryOrAJournalError(
      @ForAll @IntRange(min = 0, max = 3) int kindBias, @ForAll byte[] payload) {
    byte[] body = new byte[payload.length + 2];
    body[0] = 1;
    body[1] = (byte) (1 + kindBias + (payload.length % 3)); // mostly known kinds, sometimes not
    System.arraycopy(payload, 0, body, 2, payload.length);
    byte[] framed = JournalFrames.withChecksum(body);

    try {
      JournalEntry entry = codec.decode(framed, 0);
      assertThat(codec.encode(entry, 0)).as("a decoded entry re-encodes to its bytes").isEqualTo(framed);
    } catch (JournalException e) {
      assertThat(e.code()).isEqualTo("journal_corrupt");
    }
  }

  @Property(tries = 200)
  void anEntryOverTheLimitIsRefusedBothWays(@ForAll("entries") JournalEntry entry) {
    int size = codec.encode(entry).length;
    JournalCodec tight = new JournalCodec(Math.max(JournalCodec.ENTRY_BYTES_MIN, size - 1));
    if (size - 1 < JournalCodec.ENTRY_BYTES_MIN) return;

    assertThatThrownBy(() -> tight.encode(entry, 4))
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_limit_exceeded"))
        .hasMessageStartingWith("entry 4: entryBytesMax is " + (size - 1) + ", this needs at least ");
    assertThatThrownBy(() -> tight.decode(codec.encode(entry), 4))
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_limit_exceeded"));
  }
}
