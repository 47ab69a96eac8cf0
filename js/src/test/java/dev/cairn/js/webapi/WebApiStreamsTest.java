package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WHATWG Streams as handler code sees them: ReadableStream, WritableStream, TransformStream, piping. */
class WebApiStreamsTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** The JSON of what an async function body returns, running the harness's timers until it settles. */
  private String run(String body) {
    h.eval("globalThis.__r = undefined; (async () => {" + body + "})().then("
        + "v => { __r = JSON.stringify(v === undefined ? null : v); }, e => { __r = 'rejected ' + e.constructor.name + ': ' + e.message; });");
    for (int i = 0; i < 1000 && h.eval("__r === undefined").asBoolean(); i++) h.runTimersUntil(h.timeMs + 10);
    Value r = h.eval("__r");
    return r.isString() ? r.asString() : "pending";
  }

  /** The error a synchronous expression throws, as "Name: message". */
  private String thrown(String js) {
    return h.string("(() => { try { " + js + "; return 'no error'; } catch (e) { return e.constructor.name + ': ' + e.message; } })()");
  }

  @Test
  void aReadableStreamPullsOnlyWhileItsQueueIsBelowTheHighWaterMark() {
    assertThat(run("""
        const log = [];
        let n = 0;
        const s = new ReadableStream({
          start(c) { log.push('start ' + c.desiredSize); },
          pull(c) { log.push('pull ' + n); c.enqueue(n++); if (n === 5) c.close(); },
        }, { highWaterMark: 2 });
        await null; await null; await null;
        log.push('queued ' + n);
        const r = s.getReader();
        const got = [];
        for (;;) { const { value, done } = await r.read(); if (done) break; got.push(value); }
        return [log, got];
        """)).isEqualTo("[[\"start 2\",\"pull 0\",\"pull 1\",\"queued 2\",\"pull 2\",\"pull 3\",\"pull 4\"],[0,1,2,3,4]]");
    // a size strategy counts what the chunks weigh, not how many there are
    assertThat(run("""
        const sizes = [];
        new ReadableStream({ start(c) { c.enqueue('abc'); sizes.push(c.desiredSize); c.enqueue('de'); sizes.push(c.desiredSize); } },
          { highWaterMark: 4, size: (chunk) => chunk.length });
        const b = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(3)); sizes.push(c.desiredSize); } },
          new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
        return sizes;
        """)).isEqualTo("[1,-1,7]");
  }

  @Test
  void aLockedStreamRefusesASecondReaderAndAReleasedReaderRefusesToRead() {
    h.eval("var s = new ReadableStream(); var r1 = s.getReader();");
    assertThat(thrown("s.getReader()")).isEqualTo("TypeError: This ReadableStream is currently locked to a reader.");
    assertThat(h.eval("s.locked").asBoolean()).isTrue();
    assertThat(run("return await s.cancel().catch(e => e.message)")).isEqualTo("\"This ReadableStream is currently locked to a reader.\"");
    assertThat(run("""
        const pending = r1.read().catch(e => 'read: ' + e.message);
        const closed = r1.closed.catch(e => 'closed: ' + e.constructor.name);
        r1.releaseLock();
        return [await pending, await closed, s.locked, await r1.read().catch(e => e.message)];
        """)).isEqualTo("[\"read: This ReadableStream reader has been released.\",\"closed: TypeError\",false,"
        + "\"This ReadableStream reader has been released.\"]");
    // a new reader works after the release
    assertThat(h.eval("s.getReader() instanceof ReadableStreamDefaultReader").asBoolean()).isTrue();
  }

  @Test
  void errorsReachReadersAndBadArgumentsAreTheSpecsErrors() {
    assertThat(run("""
        const s = new ReadableStream({ start(c) { c.enqueue(1); c.error(new RangeError('broken')); } });
        const r = s.getReader();
        return [await r.read().catch(e => e.constructor.name + ' ' + e.message), await r.closed.catch(e => e.message)];
        """)).isEqualTo("[\"RangeError broken\",\"broken\"]");
    assertThat(thrown("new ReadableStream({ start() { throw new SyntaxError('in start'); } })")).isEqualTo("SyntaxError: in start");
    assertThat(thrown("new ReadableStream({ start(c) { c.close(); c.enqueue(1); } })")).startsWith("TypeError");
    assertThat(thrown("new ReadableStream({ start(c) { c.close(); c.close(); } })")).startsWith("TypeError");
    assertThat(thrown("new ReadableStream({}, { highWaterMark: -1 })")).startsWith("RangeError");
    assertThat(thrown("new ReadableStream({ type: 'other' })")).startsWith("TypeError");
    assertThat(thrown("new ReadableStream({ pull: 5 })")).startsWith("TypeError");
    assertThat(thrown("new ByteLengthQueuingStrategy({})")).startsWith("TypeError");
    assertThat(thrown("new ReadableStreamDefaultController()")).startsWith("TypeError");
    // a size function that throws errors the stream with its error
    assertThat(run("""
        const s = new ReadableStream({ start(c) { try { c.enqueue(1); } catch (e) { } } }, { size() { throw new Error('size'); } });
        return await s.getReader().read().catch(e => e.message);
        """)).isEqualTo("\"size\"");
    // cancel reaches the source with its reason; the stream is closed for readers
    assertThat(run("""
        let why;
        const s = new ReadableStream({ cancel(reason) { why = reason; } });
        const r = s.getReader();
        await r.cancel('enough');
        return [why, await r.read()];
        """)).isEqualTo("[\"enough\",{\"done\":true}]");
  }

  @Test
  void teeGivesEveryChunkToBothBranchesAndCancelsTheSourceOnlyWhenBothCancel() {
    assertThat(run("""
        const [a, b] = ReadableStream.from(['x', 'y']).tee();
        const got = [];
        for await (const c of a) got.push('a' + c);
        for await (const c of b) got.push('b' + c);
        return got;
        """)).isEqualTo("[\"ax\",\"ay\",\"bx\",\"by\"]");
    assertThat(run("""
        let reason = 'not cancelled';
        const [a, b] = new ReadableStream({ cancel(r) { reason = r; } }).tee();
        const first = a.cancel(1);
        const before = reason;
        await b.cancel(2);
        await first;
        return [before, reason];
        """)).isEqualTo("[\"not cancelled\",[1,2]]");
    assertThat(run("""
        let c;
        const [a, b] = new ReadableStream({ start(ctl) { c = ctl; } }).tee();
        c.error(new Error('source broke'));
        return [await a.getReader().read().catch(e => e.message), await b.getReader().read().catch(e => e.message)];
        """)).isEqualTo("[\"source broke\",\"source broke\"]");
  }

  @Test
  void asyncIterationReadsToTheEndAndBreakingOutCancelsUnlessPrevented() {
    assertThat(run("""
        let cancelled = 0;
        const make = () => new ReadableStream({ pull(c) { c.enqueue(1); }, cancel() { cancelled++; } });
        const s = make();
        for await (const x of s) break;
        const p = make();
        for await (const x of p.values({ preventCancel: true })) break;
        async function* gen() { yield 'a'; yield 'b'; }
        const got = [];
        for await (const x of ReadableStream.from(gen())) got.push(x);
        return [cancelled, s.locked, p.locked, got];
        """)).isEqualTo("[1,false,false,[\"a\",\"b\"]]");
  }

  @Test
  void aByobReaderFillsItsViewFromAByteStream() {
    assertThat(run("""
        const s = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });
        const r = s.getReader({ mode: 'byob' });
        const a = await r.read(new Uint8Array(2));
        const b = await r.read(new Uint8Array(8));
        const c = await r.read(new Uint8Array(8));
        return [Array.from(a.value), Array.from(b.value), c.done, c.value.byteLength];
        """)).isEqualTo("[[1,2],[3],true,0]");
    assertThat(thrown("new ReadableStream().getReader({ mode: 'byob' })")).startsWith("TypeError");
    assertThat(thrown("new ReadableStream({ type: 'bytes', start(c) { c.enqueue('text'); } })")).startsWith("TypeError");
  }

  @Test
  void aWritableStreamWritesInOrderOneAtATimeWithBackpressure() {
    assertThat(run("""
        const log = [];
        const ws = new WritableStream({
          write(chunk) { log.push('write ' + chunk); return new Promise((r) => setTimeout(r, 10)); },
          close() { log.push('close'); },
        }, { highWaterMark: 2 });
        const w = ws.getWriter();
        const sizes = [w.desiredSize];
        w.write('a'); sizes.push(w.desiredSize);
        w.write('b'); sizes.push(w.desiredSize);
        w.write('c'); sizes.push(w.desiredSize);
        await w.ready; // resolves once the queue is below the mark again: b done (c starts in the same step)
        log.push('ready');
        await w.close();
        return [sizes, log];
        """)).isEqualTo("[[2,1,0,-1],[\"write a\",\"write b\",\"write c\",\"ready\",\"close\"]]");
    assertThat(thrown("var ws1 = new WritableStream(); ws1.getWriter(); ws1.getWriter()"))
        .isEqualTo("TypeError: This WritableStream is currently locked to a writer.");
    assertThat(run("const w = new WritableStream().getWriter(); w.close(); return await w.write(1).catch(e => e.constructor.name);"))
        .isEqualTo("\"TypeError\"");
  }

  @Test
  void abortRejectsPendingWritesSignalsTheSinkAndErrorsTheWriter() {
    assertThat(run("""
        let aborted;
        let signalled = false;
        const ws = new WritableStream({
          start(c) { c.signal.addEventListener('abort', () => { signalled = true; }); },
          write() { return new Promise((r) => setTimeout(r, 10)); },
          abort(reason) { aborted = reason; },
        });
        const w = ws.getWriter();
        const first = w.write(1).catch(e => 'first ' + e);
        const second = w.write(2).catch(e => 'second ' + e);
        const abort = w.abort('stop');
        // The signal fires at once, the sink's abort only after the stream started; both writes are
        // rejected (none was in flight yet). Values are taken before any await: GraalJS may evaluate
        // an array literal's elements again after an await inside it.
        const atOnce = [signalled, aborted === undefined];
        const outcome = [await first, await second, await w.closed.catch(e => 'closed ' + e), aborted];
        return [atOnce, outcome];
        """)).isEqualTo("[[true,true],[\"first stop\",\"second stop\",\"closed stop\",\"stop\"]]");
    assertThat(run("""
        const ws = new WritableStream({ write() { throw new Error('sink broke'); } });
        const w = ws.getWriter();
        return [await w.write(1).catch(e => e.message), await w.closed.catch(e => e.message), w.desiredSize];
        """)).isEqualTo("[\"sink broke\",\"sink broke\",null]");
  }

  @Test
  void aTransformStreamTransformsFlushesAndPassesErrorsBothWays() {
    assertThat(run("""
        const ts = new TransformStream({
          transform(chunk, c) { c.enqueue(chunk * 2); c.enqueue(chunk * 3); },
          flush(c) { c.enqueue('end'); },
        });
        const w = ts.writable.getWriter();
        w.write(1); w.write(2); w.close();
        const got = [];
        for await (const x of ts.readable) got.push(x);
        return got;
        """)).isEqualTo("[2,3,4,6,\"end\"]");
    assertThat(run("""
        const ts = new TransformStream({ transform() { throw new TypeError('cannot'); } });
        const w = ts.writable.getWriter();
        const reading = ts.readable.getReader().read().catch(e => 'read ' + e.message); // a write waits for a reader
        const wrote = await w.write(1).catch(e => 'write ' + e.message);
        return [wrote, await reading];
        """)).isEqualTo("[\"write cannot\",\"read cannot\"]");
    assertThat(run("""
        const ts = new TransformStream({ start(c) { c.enqueue('only'); c.terminate(); } });
        const got = [];
        for await (const x of ts.readable) got.push(x);
        return [got, await ts.writable.getWriter().write(1).catch(e => e.constructor.name)];
        """)).isEqualTo("[[\"only\"],\"TypeError\"]");
    // identity by default, and the writable side waits for the readable side to be read
    assertThat(run("""
        const ts = new TransformStream();
        const w = ts.writable.getWriter();
        const before = w.desiredSize;
        w.write('x');
        const after = w.desiredSize;
        const { value } = await ts.readable.getReader().read();
        return [before, after, value];
        """)).isEqualTo("[1,0,\"x\"]");
  }

  @Test
  void pipeToCopiesEverythingClosesTheDestinationAndPropagatesErrors() {
    assertThat(run("""
        const got = [];
        let closed = false;
        await ReadableStream.from([1, 2, 3]).pipeTo(new WritableStream({ write(c) { got.push(c); }, close() { closed = true; } }));
        return [got, closed];
        """)).isEqualTo("[[1,2,3],true]");
    assertThat(run("""
        let abortedWith;
        const src = new ReadableStream({ start(c) { c.enqueue(1); c.error(new Error('source')); } });
        const piped = await src.pipeTo(new WritableStream({ abort(r) { abortedWith = r.message; } })).catch(e => e.message);
        return [piped, abortedWith];
        """)).isEqualTo("[\"source\",\"source\"]");
    assertThat(run("""
        let cancelledWith;
        const src = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { cancelledWith = r.message; } });
        const piped = await src.pipeTo(new WritableStream({ write() { throw new Error('dest'); } })).catch(e => e.message);
        return [piped, cancelledWith];
        """)).isEqualTo("[\"dest\",\"dest\"]");
    assertThat(run("""
        let closed = false;
        await ReadableStream.from(['a']).pipeTo(new WritableStream({ close() { closed = true; } }), { preventClose: true });
        const ctl = new AbortController();
        const src = new ReadableStream({ pull(c) { c.enqueue(1); } });
        const piping = src.pipeTo(new WritableStream({ write() { return new Promise((r) => setTimeout(r, 5)); } }), { signal: ctl.signal });
        setTimeout(() => ctl.abort(new Error('stop')), 20);
        return [closed, await piping.catch(e => e.message), src.locked];
        """)).isEqualTo("[false,\"stop\",false]");
    assertThat(run("const s = new ReadableStream(); s.getReader(); return await s.pipeTo(new WritableStream()).catch(e => e.message);"))
        .isEqualTo("\"This ReadableStream is currently locked to a reader.\"");
  }

  @Test
  void pipingReadsOnlyAsFastAsTheDestinationWrites() {
    assertThat(run("""
        let pulled = 0;
        const src = new ReadableStream({ pull(c) { pulled++; c.enqueue(pulled); } });
        let written = 0;
        const dest = new WritableStream({ write() { written++; return new Promise((r) => setTimeout(r, 50)); } });
        src.pipeTo(dest);
        await new Promise((r) => setTimeout(r, 500));
        // about 10 writes in 500 ms; the source ran at most a couple of chunks ahead
        return [written >= 8 && written <= 11, pulled - written <= 3];
        """)).isEqualTo("[true,true]");
  }

  @Test
  void pipeThroughAndTheTextStreamsHandleCharactersSplitAcrossChunks() {
    assertThat(run("""
        const bytes = [];
        const enc = ReadableStream.from(['a', '\\ud83d', '\\ude00', '\\ud83d']).pipeThrough(new TextEncoderStream());
        for await (const c of enc) bytes.push(...c);
        const text = [];
        const dec = ReadableStream.from([new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac, 0x41])]).pipeThrough(new TextDecoderStream());
        for await (const c of dec) text.push(c);
        return [bytes, text];
        """)).isEqualTo("[[97,240,159,152,128,239,191,189],[\"€A\"]]");
    assertThat(run("""
        const dec = ReadableStream.from([new Uint8Array([0xff])]).pipeThrough(new TextDecoderStream('utf-8', { fatal: true }));
        return await dec.getReader().read().catch(e => e.constructor.name);
        """)).isEqualTo("\"TypeError\"");
    assertThat(thrown("ReadableStream.from([]).pipeThrough({})")).startsWith("TypeError");
  }
}
