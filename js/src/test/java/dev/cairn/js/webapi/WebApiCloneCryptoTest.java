package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebApiCloneCryptoTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static final String GRAPH = """
      var shared = { s: 1 };
      var buf = new ArrayBuffer(8);
      var src = { list: [shared, shared, undefined, 1n, -0, NaN], map: new Map([[shared, 'v']]), set: new Set(['a']),
        date: new Date(5), re: /a+/gi, u8: new Uint8Array(buf, 2, 4), f64: new Float64Array(buf, 0, 1),
        dv: new DataView(buf), err: new RangeError('bad'), boxed: [Object(1), Object('s'), Object(false)],
        nothing: undefined };
      src.self = src;
      new Uint8Array(buf)[3] = 9;
      """;
  private static final String CHECK = """
      (c) => [c !== src, c.self === c, c.list[0] === c.list[1], c.map.keys().next().value === c.list[0],
        c.list[2] === undefined, c.list[3] === 1n, Object.is(c.list[4], -0), Number.isNaN(c.list[5]),
        c.set.has('a'), c.date.getTime() === 5, c.re.source === 'a+' && c.re.flags === 'gi',
        c.u8.buffer === c.f64.buffer && c.dv.buffer === c.u8.buffer && c.u8.byteOffset === 2 && c.u8[1] === 9,
        c.u8.buffer !== buf, c.err instanceof RangeError && c.err.message === 'bad' && c.err.stack === src.err.stack,
        c.boxed[0] instanceof Number && c.boxed[1].valueOf() === 's' && c.boxed[2] instanceof Boolean,
        'nothing' in c].join()
      """;

  @Test
  void structuredClonePreservesTheGraph() {
    h.eval(GRAPH);
    assertThat(h.string("(" + CHECK + ")(structuredClone(src))")).doesNotContain("false");
    assertThat(h.string("try { structuredClone({f() {}}); 'no' } catch (e) { e.name + ' ' + e.code }")).isEqualTo("DataCloneError 25");
    assertThat(h.string("try { structuredClone(new WeakMap()); 'no' } catch (e) { e.name }")).isEqualTo("DataCloneError");
    assertThat(h.string("try { structuredClone(Symbol()); 'no' } catch (e) { e.name }")).isEqualTo("DataCloneError");
  }

  @Test
  void serializeRoundTripsTheSameGraphAndHasAFastPath() {
    h.eval(GRAPH);
    assertThat(h.string("(" + CHECK + ")(internal.deserialize(internal.serialize(src)))")).doesNotContain("false");
    assertThat(h.string("internal.serialize([1, 'a', {b: [true, null]}])")).isEqualTo("J[1,\"a\",{\"b\":[true,null]}]");
    assertThat(h.string("internal.serialize(undefined).charAt(0)")).isEqualTo("T");
    assertThat(h.eval("internal.deserialize(internal.serialize(undefined)) === undefined").asBoolean()).isTrue();
    assertThat(h.string("var r = internal.deserialize(internal.serialize([undefined, {u: undefined}]));"
        + " r.length + ' ' + (r[0] === undefined) + ' ' + ('u' in r[1])")).isEqualTo("2 true true");
    assertThat(h.string("JSON.stringify(internal.deserialize(internal.serialize(JSON.parse('{\"__proto__\":1,\"x\":[2]}'))))"))
        .isEqualTo("{\"__proto__\":1,\"x\":[2]}");
    assertThat(h.string("try { internal.serialize([() => 1]); 'no' } catch (e) { e.name }")).isEqualTo("DataCloneError");
  }

  @Test
  void cryptoIsDeterministicForASeed() {
    assertThat(h.await("crypto.subtle.digest('sha-256', new TextEncoder().encode('abc'))"
        + ".then(b => [...new Uint8Array(b)].map(x => x.toString(16).padStart(2, '0')).join(''))").asString())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(h.await("crypto.subtle.digest({name: 'SHA-1'}, new ArrayBuffer(0)).then(b => b.byteLength)").asInt()).isEqualTo(20);
    assertThat(h.rejection("crypto.subtle.digest('MD5', new Uint8Array(1))").getMember("name").asString())
        .isEqualTo("NotSupportedError");
    assertThat(h.rejection("crypto.subtle.importKey('raw', new Uint8Array(1))").getMember("name").asString())
        .isEqualTo("NotSupportedError");
    String uuid = h.string("crypto.randomUUID()");
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    try (WebApiHarness again = new WebApiHarness()) {
      assertThat(again.string("crypto.randomUUID()")).isEqualTo(uuid);
    }
    assertThat(h.eval("var a = new Uint32Array(4); crypto.getRandomValues(a) === a && a.some(x => x !== 0)").asBoolean()).isTrue();
    assertThat(h.string("try { crypto.getRandomValues(new Uint8Array(65537)); 'no' } catch (e) { e.name + ' ' + e.code }"))
        .isEqualTo("QuotaExceededError 22");
    assertThat(h.eval("crypto.getRandomValues(new Uint8Array(65536)).length").asInt()).isEqualTo(65536);
    assertThat(h.string("try { crypto.getRandomValues(new Float32Array(1)); 'no' } catch (e) { e.name }"))
        .isEqualTo("TypeMismatchError");
  }
}
