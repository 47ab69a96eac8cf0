package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Bytes}: a value (copies in and out, equal by content) that prints short enough for a divergence report. */
class JournalBytesTest {
  @Test
  void isAValueComparedByContentAndNeverShared() {
    byte[] array = {1, 2, 3};
    Bytes bytes = Bytes.of(array);
    array[0] = 9;
    bytes.toArray()[1] = 9;

    assertThat(bytes).isEqualTo(Bytes.of(new byte[] {1, 2, 3})).hasSameHashCodeAs(Bytes.of(new byte[] {1, 2, 3}));
    assertThat(bytes.toArray()).containsExactly(1, 2, 3);
    assertThat(Bytes.of(new byte[0])).isSameAs(Bytes.EMPTY);
  }

  @Test
  void printsTextQuotedAndTheRestInHexAbbreviated() {
    assertThat(Bytes.utf8("{\"a\":1}")).hasToString("\"{\\\"a\\\":1}\"");
    assertThat(Bytes.utf8("日本")).hasToString("\"日本\"");
    assertThat(Bytes.of(new byte[] {0, 1, (byte) 0xfe})).hasToString("0x0001fe");
    assertThat(Bytes.EMPTY).hasToString("\"\"");
    assertThat(Bytes.utf8("é".repeat(1000))).hasToString("\"" + "é".repeat(64) + "\"...(2000 bytes)");
    assertThat(Bytes.of(new byte[100])).hasToString("0x" + "00".repeat(32) + "...(100 bytes)");
  }

  @Test
  void aLongTextCutInsideACharacterOrAPairStillPrintsAsText() {
    byte[] emoji = "🎉".repeat(200).getBytes(StandardCharsets.UTF_8); // 4 bytes each: the prefix ends mid-character
    assertThat(Bytes.of(emoji)).hasToString("\"" + "🎉".repeat(32) + "\"...(800 bytes)");
    assertThat(Bytes.utf8("x" + "🎉".repeat(40)).toString()).startsWith("\"x" + "🎉".repeat(31) + "\"...(");
  }
}
