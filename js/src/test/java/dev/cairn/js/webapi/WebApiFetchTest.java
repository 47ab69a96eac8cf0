package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebApiFetchTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void headersAreCaseInsensitiveSortedAndKeepSetCookiesApart() {
    h.eval("""
        var hs = new Headers({ 'X-B': ' two\\t', 'a-Thing': 'one' });
        hs.append('Set-Cookie', 'a=1'); hs.append('set-cookie', 'b=2');
        hs.append('x-b', 'three');
        """);
    assertThat(h.string("JSON.stringify([...hs])")).isEqualTo(
        "[[\"a-thing\",\"one\"],[\"set-cookie\",\"a=1\"],[\"set-cookie\",\"b=2\"],[\"x-b\",\"two, three\"]]");
    assertThat(h.string("hs.get('X-B')")).isEqualTo("two, three");
    assertThat(h.string("hs.get('set-cookie')")).isEqualTo("a=1, b=2");
    assertThat(h.string("JSON.stringify(hs.getSetCookie())")).isEqualTo("[\"a=1\",\"b=2\"]");
    assertThat(h.eval("hs.get('missing')").isNull()).isTrue();
    assertThat(h.string("JSON.stringify([...new Headers([['k','v']]).keys(), ...new Headers(hs).keys()])"))
        .isEqualTo("[\"k\",\"a-thing\",\"set-cookie\",\"set-cookie\",\"x-b\"]");
    assertThat(h.string("try { hs.set('bad name', 'x'); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    assertThat(h.string("try { hs.set('ok', 'a\\nb'); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    assertThat(h.string("try { new Headers([['a']]); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
  }

  @Test
  void responseJsonRedirectStatusAndErrors() {
    assertThat(h.string("Response.json({a: 1}).headers.get('content-type')")).isEqualTo("application/json");
    assertThat(h.await("Response.json({a: [1, 'x']}).text()").asString()).isEqualTo("{\"a\":[1,\"x\"]}");
    assertThat(h.eval("Response.json({}, {status: 201, headers: {'x-y': 'z'}}).status").asInt()).isEqualTo(201);
    assertThat(h.string("new Response('hi').headers.get('content-type')")).isEqualTo("text/plain;charset=UTF-8");
    assertThat(h.string("var r = Response.redirect('https://a.example/x', 301); r.status + ' ' + r.headers.get('location')"))
        .isEqualTo("301 https://a.example/x");
    assertThat(h.eval("Response.redirect('https://a.example/').status").asInt()).isEqualTo(302);
    assertThat(h.string("try { Response.redirect('https://a.example/', 200); 'no' } catch (e) { e.constructor.name }"))
        .isEqualTo("RangeError");
    assertThat(h.string("try { new Response('x', {status: 600}); 'no' } catch (e) { e.constructor.name }")).isEqualTo("RangeError");
    assertThat(h.string("try { new Response('x', {status: 199}); 'no' } catch (e) { e.constructor.name }")).isEqualTo("RangeError");
    assertThat(h.string("try { new Response('x', {status: 204}); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    assertThat(h.eval("new Response(null, {status: 204}).body === null").asBoolean()).isTrue();
    assertThat(h.string("var e = Response.error(); e.type + ' ' + e.status")).isEqualTo("error 0");
    assertThat(h.string("var d = new Response(); [d.ok, d.redirected, d.url, d.type, d.status, d.statusText].join(',')"))
        .isEqualTo("true,false,,default,200,");
  }

  @Test
  void aBodyIsReadOnce() {
    h.eval("var r = new Response('once'); var c = r.clone();");
    assertThat(h.await("r.text()").asString()).isEqualTo("once");
    assertThat(h.eval("r.bodyUsed").asBoolean()).isTrue();
    assertThat(h.rejection("r.text()").getMember("constructor").getMember("name").asString()).isEqualTo("TypeError");
    assertThat(h.await("c.json().catch(e => e.name)").asString()).isEqualTo("SyntaxError");
    assertThat(h.string("try { r.clone(); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    assertThat(h.await("new Response(new Uint8Array([104, 105])).text()").asString()).isEqualTo("hi");
    assertThat(h.await("new Response('héllo').bytes().then(b => b.length)").asInt()).isEqualTo(6);
    assertThat(h.await("new Response(new Uint16Array([0x6968]).buffer).arrayBuffer().then(b => b.byteLength)").asInt()).isEqualTo(2);
    assertThat(h.await("(async () => { const rd = new Response('ab').body.getReader(); const a = await rd.read();"
        + " const b = await rd.read(); return a.value.length + ',' + b.done; })()").asString()).isEqualTo("2,true");
  }

  @Test
  void requestsNormaliseMethodsAndRefuseBodiesOnGet() {
    assertThat(h.string("new Request('https://x.example/', {method: 'post'}).method")).isEqualTo("POST");
    assertThat(h.string("new Request('https://x.example/', {method: 'Custom'}).method")).isEqualTo("Custom");
    assertThat(h.string("try { new Request('https://x.example/', {method: 'trace'}); 'no' } catch (e) { e.constructor.name }"))
        .isEqualTo("TypeError");
    assertThat(h.string("try { new Request('https://x.example/', {body: 'x'}); 'no' } catch (e) { e.constructor.name }"))
        .isEqualTo("TypeError");
    h.eval("""
        var a = new Request('https://x.example/p', {method: 'PUT', body: 'data', headers: {'x-a': '1'}});
        var b = new Request(a, {headers: {'x-b': '2'}});
        """);
    assertThat(h.string("[b.method, b.url, b.headers.get('x-a'), b.headers.get('x-b'), a.bodyUsed].join(',')"))
        .isEqualTo("PUT,https://x.example/p,,2,true");
    assertThat(h.await("b.clone().text()").asString()).isEqualTo("data");
    assertThat(h.eval("new Request('https://x.example/').signal.aborted").asBoolean()).isFalse();
  }

  @Test
  void internalHooksRoundTripWithoutConvertingStrings() {
    h.eval("""
        var req = internal.makeRequest('POST', 'https://h.example/a?b', ['Content-Type', 'text/plain', 'x-k', 'v'], 'body');
        """);
    assertThat(h.string("req.method + ' ' + req.url + ' ' + req.headers.get('content-type')"))
        .isEqualTo("POST https://h.example/a?b text/plain");
    Value parts = h.eval("internal.requestParts(req)");
    assertThat(parts.getMember("body").isString()).isTrue();
    assertThat(parts.getMember("headers").getArraySize()).isEqualTo(4);
    h.eval("var q = new Request('https://h.example/', {method: 'POST', body: new Uint8Array([1, 2, 3])});");
    assertThat(h.eval("internal.requestParts(q).body instanceof Uint8Array").asBoolean()).isTrue();
    h.eval("q.arrayBuffer()");
    assertThat(h.string("try { internal.requestParts(q); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");

    Value rp = h.eval("internal.responseParts(internal.makeResponse(404, 'Nope', ['set-cookie', 'a', 'set-cookie', 'b'], null))");
    assertThat(rp.getMember("status").asInt()).isEqualTo(404);
    assertThat(rp.getMember("statusText").asString()).isEqualTo("Nope");
    assertThat(rp.getMember("headers").as(java.util.List.class)).containsExactly("set-cookie", "a", "set-cookie", "b");
    assertThat(rp.getMember("body").isNull()).isTrue();
    assertThat(h.string("internal.responseParts(Response.json([1])).body")).isEqualTo("[1]");
    assertThat(h.string("try { internal.responseParts({status: 200}); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
  }

  @Test
  void urlsAndFormBodiesUseTheUrlClassesWhenPresent() {
    // Stand-ins for prelude/05-url.js (another file): only what Request and Response use.
    h.eval("""
        globalThis.URL = class { constructor(u) { if (!/^[a-z]+:/.test(u)) throw new TypeError('bad');
          this.href = /^[a-z]+:\\/\\/[^/]+$/.test(u) ? u + '/' : u; } };
        globalThis.URLSearchParams = class { toString() { return 'a=1&b=2'; } };
        """);
    assertThat(h.string("new Request('https://x.example').url")).isEqualTo("https://x.example/");
    assertThat(h.string("try { new Request('/relative'); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    h.eval("var f = new Request('https://x.example/', {method: 'POST', body: new URLSearchParams()});");
    assertThat(h.string("f.headers.get('content-type')")).isEqualTo("application/x-www-form-urlencoded;charset=UTF-8");
    assertThat(h.string("internal.requestParts(f).body")).isEqualTo("a=1&b=2");
    assertThat(h.await("new Response(new Response('moved').body).text()").asString()).isEqualTo("moved");
    assertThat(h.string("var x = new DOMException('m', 'AbortError'); x.stack.split('\\n')[0]")).isEqualTo("AbortError: m");
  }

  @Test
  void hooksAreCheapEnoughForTheHotPath() {
    // Not a benchmark: a guard against an accidental slow path (10k round trips, interpreted).
    long start = System.nanoTime();
    h.eval("""
        for (let i = 0; i < 10000; i++) {
          const req = internal.makeRequest('GET', 'https://h.example/' + i, ['host', 'h.example', 'accept', '*/*'], null);
          internal.requestParts(req);
          internal.responseParts(Response.json({ i }));
        }
        """);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }
}
