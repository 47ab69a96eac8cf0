package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * kv get, put and delete cross typed (CapabilityCall.kv), the rest as JSON the glue's
 * JSON.stringify writes: both ways must put the same bytes in the journal, or a journal recorded
 * one way would not replay the other. The engine itself says what JSON.stringify writes.
 */
class TypedKvCallTest {
  private static Context js;
  private static Value stringify;

  @BeforeContainer
  static void engine() {
    js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    stringify = js.eval("js", "(v) => JSON.stringify(v)");
  }

  @AfterContainer
  static void close() {
    js.close();
  }

  @Property(tries = 300)
  void aStringIsWrittenAsJsonStringifyWritesIt(@ForAll @StringLength(max = 12) @CharRange(from = '\u0000', to = '\uffff') String s) {
    assertThat(JsStrings.stringify(s)).isEqualTo(stringify.execute(s).asString());
  }

  /** Controls, quotes, backslashes and surrogates, the characters with escapes, drawn often. */
  @Property(tries = 300)
  void theCharactersThatHaveEscapesAreWrittenAsJsonStringifyWritesThem(
      @ForAll @StringLength(max = 8) @CharRange(from = '\u0000', to = '\u0022') @CharRange(from = '\\', to = '\\')
      @CharRange(from = '\u007e', to = '\u00a0') @CharRange(from = '\u2027', to = '\u2029') @CharRange(from = '\ud7ff', to = '\ue000') String s) {
    assertThat(JsStrings.stringify(s)).isEqualTo(stringify.execute(s).asString());
  }

  @Example
  void theEscapesJsonStringifyHasItsOwnWayWith() {
    // \b and \f are short escapes, other controls and lone surrogates \\u with lower-case hex, pairs kept.
    for (String s : new String[] {"\b\f\u0001\u001f", "\ud800", "x\udc00y", "\udc00\ud800", "\ud83d\ude00", "\"\\/", "\t\n\r", "\u007f\u2028\u2029", "plain", ""}) {
      assertThat(JsStrings.stringify(s)).as(s).isEqualTo(stringify.execute(s).asString());
    }
    assertThat(JsStrings.stringify("\ud800")).isEqualTo("\"\\ud800\"");
  }

  @Property(tries = 200)
  void aTypedPutJournalsWhatTheJsonPutWould(@ForAll @StringLength(max = 10) @CharRange(from = '\u0000', to = '\uffff') String key,
      @ForAll @StringLength(max = 10) @CharRange(from = '\u0000', to = '\uffff') String metadata,
      @ForAll @LongRange(min = 0, max = 9007199254740991L) long expiresAtMs) {
    Value args = js.eval("js", "(key, expiresAtMs, metadata) => ({ key, expiresAtMs, metadata })").execute(key, expiresAtMs, metadata);
    byte[] body = "v".getBytes(StandardCharsets.UTF_8);
    var typed = CapabilityCall.kv("kv.put", "KV", new CapabilityCall.KvArgs(key, expiresAtMs, metadata), body);
    var json = new CapabilityCall("kv.put", "KV", stringify.execute(args).asString(), body);
    assertThat(typed.argsJson()).isEqualTo(json.argsJson());
    assertThat(typed.journalArgs()).isEqualTo(json.journalArgs());
  }

  @Property(tries = 200)
  void aTypedGetOrDeleteJournalsWhatTheJsonOneWould(@ForAll @StringLength(max = 10) @CharRange(from = '\u0000', to = '\uffff') String key) {
    Value args = js.eval("js", "(key) => ({ key })").execute(key);
    for (String op : new String[] {"kv.get", "kv.delete"}) {
      var typed = CapabilityCall.kv(op, "KV", new CapabilityCall.KvArgs(key, 0, null), null);
      assertThat(typed.journalArgs()).isEqualTo(new CapabilityCall(op, "KV", stringify.execute(args).asString(), null).journalArgs());
    }
  }

  @Example
  void typedArgumentsAreOnlyForGetPutAndDeleteAndOnlyPutCarriesMetadata() {
    assertThatThrownBy(() -> CapabilityCall.kv("kv.list", "KV", new CapabilityCall.KvArgs("a", 0, null), null))
        .hasMessageContaining("not kv.list");
    assertThatThrownBy(() -> CapabilityCall.kv("kv.put", "KV", new CapabilityCall.KvArgs("a", 0, null), null))
        .hasMessageContaining("only it, carries metadata");
    assertThatThrownBy(() -> CapabilityCall.kv("kv.get", "KV", new CapabilityCall.KvArgs("a", 0, ""), null))
        .hasMessageContaining("only it, carries metadata");
    assertThatThrownBy(() -> new CapabilityCall.KvArgs(null, 0, null)).hasMessageContaining("key must not be null");
  }
}
