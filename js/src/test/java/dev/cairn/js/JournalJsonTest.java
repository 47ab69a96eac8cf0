package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Journal forms are compared byte for byte in replay: these are the shapes older journals hold. */
class JournalJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String withBody(String object, byte[] body, int max) {
    return new String(JournalJson.withBody(utf8(object), body, max), StandardCharsets.UTF_8);
  }

  @Test
  void bodyFieldsFollowTheObjectsOwn() {
    assertThat(withBody("{}", utf8("abc"), 100)).isEqualTo("{\"body\":\"abc\"}");
    assertThat(withBody("{\"a\":1}", utf8("abc"), 100)).isEqualTo("{\"a\":1,\"body\":\"abc\"}");
    assertThat(withBody("{\"a\":1}", new byte[0], 100)).isEqualTo("{\"a\":1,\"body\":\"\"}");
    assertThat(withBody("{}", new byte[0], 100)).isEqualTo("{\"body\":\"\"}");
    assertThat(withBody("{\"a\":1}", utf8("h\u00e9llo \"q\"\n"), 100)).isEqualTo("{\"a\":1,\"body\":\"h\u00e9llo \\\"q\\\"\\n\"}");
    assertThat(withBody("{}", new byte[] {(byte) 0xff, 1}, 100)).isEqualTo("{\"bodyBase64\":\"/wE=\"}");
    assertThat(withBody("{\"a\":1}", utf8("0123456789"), 4)).isEqualTo("{\"a\":1,\"body\":\"0123\",\"bodyTruncated\":10}");
    byte[] object = utf8("{\"a\":1}");
    assertThat(JournalJson.withBody(object, null)).isSameAs(object);
  }

  @Test
  void textIsDecodedOnlyWhenItIsValidUtf8() {
    assertThat(JournalJson.utf8(utf8("plain ascii"), 5)).isEqualTo("plain");
    assertThat(JournalJson.utf8(utf8("gr\u00fc\u00df \u6f22"), utf8("gr\u00fc\u00df \u6f22").length)).isEqualTo("gr\u00fc\u00df \u6f22");
    assertThat(JournalJson.utf8(new byte[] {'a', (byte) 0xc3}, 2)).isNull(); // cut in the middle of a character
    assertThat(JournalJson.utf8(new byte[] {(byte) 0xff}, 1)).isNull();
  }

  @Test
  void quotingEscapesWhatJsonRequires() {
    assertThat(dev.cairn.core.Json.quote("plain")).isEqualTo("\"plain\"");
    assertThat(dev.cairn.core.Json.quote("")).isEqualTo("\"\"");
    assertThat(dev.cairn.core.Json.quote("a\"b\\c\n\r\t\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0001\"");
  }
}
