package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebApiEncodingTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void textEncoderAndDecoderRoundTripShortAndLongText() {
    assertThat(h.string("new TextEncoder().encode('h\u00e9\\u{1F600}').join(',')")).isEqualTo("104,195,169,240,159,152,128");
    assertThat(h.string("new TextEncoder().encode('\\ud800x').join(',')")).isEqualTo("239,191,189,120");
    assertThat(h.string("var long = 'ab\u00e9'.repeat(100); String(new TextDecoder().decode(new TextEncoder().encode(long)) === long)"))
        .isEqualTo("true");
    assertThat(h.string("new TextEncoder().encode('\\ud800'.repeat(70)).length")).isEqualTo("210");
    assertThat(h.string("JSON.stringify(new TextEncoder().encodeInto('a\u00e9b', new Uint8Array(2)))"))
        .isEqualTo("{\"read\":1,\"written\":1}");
    assertThat(h.string("new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61]))")).isEqualTo("a");
    assertThat(h.string("new TextDecoder('utf-8', {ignoreBOM: true}).decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61])).length"))
        .isEqualTo("2");
    assertThat(h.string("new TextDecoder().decode(new Uint8Array([0x61, 0xFF]))")).isEqualTo("a\uFFFD");
  }

  @Test
  void fatalDecodingThrowsAndStreamingCarriesIncompleteSequences() {
    assertThat(h.string("try { new TextDecoder('utf8', {fatal: true}).decode(new Uint8Array([0xC3])); 'no' }"
        + " catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    assertThat(h.string("""
        var d = new TextDecoder();
        var bytes = new TextEncoder().encode('\u20ac\\u{1F600}');
        d.decode(bytes.subarray(0, 2), {stream: true}) + '|' + d.decode(bytes.subarray(2, 5), {stream: true})
          + '|' + d.decode(bytes.subarray(5))
        """)).isEqualTo("|\u20ac|\uD83D\uDE00");
    assertThat(h.string("try { new TextDecoder('latin1'); 'no' } catch (e) { e.constructor.name }")).isEqualTo("RangeError");
  }

  @Test
  void base64FollowsTheForgivingAlgorithm() {
    assertThat(h.string("btoa('hello')")).isEqualTo("aGVsbG8=");
    assertThat(h.string("atob(' aGVs\\nbG8= ')")).isEqualTo("hello");
    assertThat(h.string("atob('aGVsbG8')")).isEqualTo("hello");
    assertThat(h.string("try { atob('a'); 'no' } catch (e) { e.name + ' ' + e.code + ' ' + (e instanceof DOMException) }"))
        .isEqualTo("InvalidCharacterError 5 true");
    assertThat(h.string("try { btoa('\u20ac'); 'no' } catch (e) { e.name }")).isEqualTo("InvalidCharacterError");
    assertThat(h.string("var x = new DOMException('m', 'AbortError'); [x.name, x.message, x.code, x instanceof Error,"
        + " DOMException.ABORT_ERR].join(',')")).isEqualTo("AbortError,m,20,true,20");
  }
}
