package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request and Response bodies on streams, and the hooks the runtime uses to move them to and from the host. */
class WebApiBodyStreamsTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** The JSON of what an async function body returns (it must settle without timers). */
  private String run(String body) {
    return h.await("(async () => { const v = await (async () => {" + body + "})(); return JSON.stringify(v === undefined ? null : v); })()")
        .asString();
  }

  @Test
  void aStreamBodyIsReadChunkByChunkAndOnlyOnce() {
    assertThat(run("""
        const enc = new TextEncoder();
        const r = new Response(new ReadableStream({ start(c) { c.enqueue(enc.encode('hé')); c.enqueue(new Uint16Array([0x6c6c]).buffer); c.close(); } }));
        const before = r.bodyUsed;
        const text = await r.text();
        return [before, text, r.bodyUsed, await r.text().catch(e => e.message)];
        """)).isEqualTo("[false,\"héll\",true,"
        + "\"Body has already been used. It can only be used once. Use tee() first if you need to read it twice.\"]");
    assertThat(run("""
        const r = new Response(new ReadableStream({ start(c) { c.enqueue('not bytes'); c.close(); } }));
        const broken = new Response(new ReadableStream({ start(c) { c.error(new RangeError('upstream')); } }));
        return [await r.text().catch(e => e.constructor.name + ': ' + e.message), await broken.json().catch(e => e.message)];
        """)).isEqualTo("[\"TypeError: This ReadableStream did not return bytes.\",\"upstream\"]");
    assertThat(run("""
        const r = new Response('x');
        r.body.getReader();
        const locked = await r.text().catch(e => e.message);
        const s = new ReadableStream();
        s.getReader();
        let refused;
        try { new Response(s); } catch (e) { refused = e.constructor.name; }
        return [locked, refused, r.bodyUsed];
        """)).isEqualTo("[\"This ReadableStream is currently locked to a reader.\",\"TypeError\",false]");
  }

  @Test
  void aTextBodyBecomesAByteStreamOnlyWhenBodyIsTouched() {
    assertThat(run("""
        const r = new Response('héllo');
        const s = r.body;
        const same = r.body === s;
        const reader = s.getReader({ mode: 'byob' });
        const first = await reader.read(new Uint8Array(3));
        reader.releaseLock();
        const rest = new TextDecoder().decode((await s.getReader().read()).value);
        return [same, s instanceof ReadableStream, Array.from(first.value), rest, r.bodyUsed];
        """)).isEqualTo("[true,true,[104,195,169],\"llo\",true]");
    assertThat(run("""
        const r = new Response('read');
        await r.text();
        const b = r.body;
        const n = new Response(null);
        return [b instanceof ReadableStream, b.locked, n.body, new Response('').body instanceof ReadableStream];
        """)).isEqualTo("[true,true,null,true]");
  }

  @Test
  void cloneTeesAStreamBodyAndRequestsTakeStreamBodies() {
    assertThat(run("""
        const enc = new TextEncoder();
        const r = new Response(ReadableStream.from([enc.encode('a'), enc.encode('b')]), { status: 201 });
        const c = r.clone();
        return [await c.text(), await r.text(), c.status];
        """)).isEqualTo("[\"ab\",\"ab\",201]");
    assertThat(run("""
        const enc = new TextEncoder();
        const req = new Request('https://x.example/', { method: 'POST', body: ReadableStream.from([enc.encode('up')]) });
        const moved = new Request(req, { headers: { 'x-moved': '1' } });
        const before = [req.headers.get('content-type'), req.bodyUsed];
        const text = await moved.text();
        return [before, text, moved.url, await req.text().catch(e => e.constructor.name)];
        """)).isEqualTo("[[null,true],\"up\",\"https://x.example/\",\"TypeError\"]");
    assertThat(run("""
        const r = new Response(ReadableStream.from([new Uint8Array([1])]));
        await r.arrayBuffer();
        try { r.clone(); return 'cloned'; } catch (e) { return e.constructor.name; }
        """)).isEqualTo("\"TypeError\"");
  }

  @Test
  void theHostGetsDataForUntouchedBodiesAndTheStreamForStreamedOnes() {
    // a body passed on untouched (proxying) stays data: no stream work, and a length the gateway can send
    Value parts = h.eval("internal.responseParts(new Response(new Response('passed on').body))");
    assertThat(parts.getMember("body").asString()).isEqualTo("passed on");
    assertThat(parts.getMember("stream").isNull()).isTrue();
    h.eval("var streamed = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); } }));");
    Value sp = h.eval("internal.responseParts(streamed)");
    assertThat(sp.getMember("body").isNull()).isTrue();
    assertThat(h.eval("(p) => p.stream instanceof ReadableStream").execute(sp).asBoolean()).isTrue();
    h.eval("var req = new Request('https://x.example/', { method: 'PUT', body: new ReadableStream() });");
    assertThat(h.eval("internal.requestParts(req).stream instanceof ReadableStream").asBoolean()).isTrue();
  }

  @Test
  void aHostStreamReadsFromTheHostOnlyWhenTheHandlerReads() {
    assertThat(run("""
        const chunks = [new Uint8Array([1, 2]), new Uint8Array([3]), null];
        let reads = 0;
        const body = internal.body.hostStream((resolve, reject) => { reads++; resolve(chunks.shift()); });
        const req = internal.makeRequest('POST', 'https://h.example/', [], body);
        await null; await null;
        const before = reads;
        const bytes = await req.bytes();
        return [before, Array.from(bytes), reads];
        """)).isEqualTo("[0,[1,2,3],3]");
    assertThat(run("""
        const body = internal.body.hostStream((resolve, reject) => reject(new Error('request body exceeds limits.bodyBytesMax')));
        return await new Request('https://h.example/', { method: 'POST', body }).text().catch(e => e.message);
        """)).isEqualTo("\"request body exceeds limits.bodyBytesMax\"");
  }

  @Test
  void pumpingWaitsForEachWriteAndTakesQueuedChunksTogether() {
    assertThat(run("""
        let pulls = 0;
        const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.enqueue(new Uint8Array([2, 3])); },
          pull(c) { pulls++; if (pulls === 5) c.close(); else c.enqueue(new Uint8Array([9])); } }, { highWaterMark: 2 });
        const writes = [];
        let release;
        const finished = new Promise((resolve, reject) => {
          internal.body.pump(s, (chunk, ok, fail) => { writes.push(Array.from(chunk)); release = ok; }, resolve, reject);
        });
        for (let i = 0; i < 20; i++) await null;
        // One write in flight and nothing more asked of the host; the first write took what was
        // queued; the source refilled its queue to the high-water mark (2 chunks) and stopped there.
        const whileWaiting = [writes.length, writes[0].length > 1, pulls];
        while (release !== undefined) {
          const r = release;
          release = undefined;
          if (r) r();
          for (let i = 0; i < 10; i++) await null;
        }
        await finished;
        return [whileWaiting, writes.flat()];
        """)).isEqualTo("[[1,true,3],[1,2,3,9,9,9,9]]");
    assertThat(run("""
        let cancelled;
        const s = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1)); }, cancel(r) { cancelled = r.message; } });
        const failed = await new Promise((resolve, reject) => {
          internal.body.pump(s, (chunk, ok, fail) => fail(new Error('client gone')), () => resolve('done'), (e) => resolve(e.message));
        });
        return [failed, cancelled];
        """)).isEqualTo("[\"client gone\",\"client gone\"]");
  }
}
