// ReadableStream's tee, async iteration (`for await`, values) and ReadableStream.from, on the
// readable internals of 42-streams-readable.js.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const S = internal.streams;
  const { deferred, rejected, RESOLVED } = S;

  // ---- tee: two branches reading one source; a chunk goes to both (copied for byte streams)
  function tee(stream) {
    const s = S.slotOf(stream);
    const reader = S.acquireReader(stream);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let c1;
    let c2;
    const cancelled = deferred();
    function pull() {
      if (reading) {
        readAgain = true;
        return RESOLVED;
      }
      reading = true;
      S.readerRead(reader, {
        // the spec queues a microtask here (its own, not the global a handler may replace)
        chunk: (chunk) => RESOLVED.then(() => {
          readAgain = false;
          if (!canceled1) S.enqueue(c1, chunk);
          // byte streams: each branch gets its own copy, so one reader cannot change the other's bytes
          if (!canceled2) S.enqueue(c2, s.bytes ? chunk.slice() : chunk);
          reading = false;
          if (readAgain) pull();
        }),
        close: () => {
          reading = false;
          if (!canceled1) S.close(c1);
          if (!canceled2) S.close(c2);
          if (!canceled1 || !canceled2) cancelled.resolve(undefined);
        },
        error: () => { reading = false; },
      });
      return RESOLVED;
    }
    function cancelBoth() {
      cancelled.resolve(S.streamCancel(s, [reason1, reason2]));
    }
    const b1 = S.create((c) => { c1 = c; }, pull, (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelBoth();
      return cancelled.promise;
    }, 1, undefined, s.bytes);
    const b2 = S.create((c) => { c2 = c; }, pull, (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelBoth();
      return cancelled.promise;
    }, 1, undefined, s.bytes);
    reader.closed.promise.then(undefined, (e) => {
      S.error(c1, e);
      S.error(c2, e);
      if (!canceled1 || !canceled2) cancelled.resolve(undefined);
    });
    return [b1, b2];
  }

  // ---- async iteration: for await (const chunk of stream)
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const IteratorProto = Object.create(AsyncIteratorPrototype);
  function asyncIterator(stream, preventCancel) {
    const r = S.acquireReader(stream);
    let ongoing;
    let finished = false;
    function nextSteps() {
      if (finished) return Promise.resolve({ value: undefined, done: true });
      if (r.stream === undefined) return rejected(new TypeError("The iterator's reader has been released."));
      const d = deferred();
      S.readerRead(r, {
        chunk: (value) => d.resolve({ value, done: false }),
        close: () => {
          finished = true;
          S.readerRelease(r);
          d.resolve({ value: undefined, done: true });
        },
        error: (e) => {
          finished = true;
          S.readerRelease(r);
          d.reject(e);
        },
      });
      return d.promise;
    }
    function returnSteps(value) {
      if (finished) return Promise.resolve({ value, done: true });
      finished = true;
      if (r.stream === undefined) return Promise.resolve({ value, done: true });
      if (!preventCancel) {
        const result = S.streamCancel(r.stream, value);
        S.readerRelease(r);
        return result.then(() => ({ value, done: true }));
      }
      S.readerRelease(r);
      return Promise.resolve({ value, done: true });
    }
    const it = Object.create(IteratorProto);
    define(it, "next", () => {
      ongoing = ongoing === undefined ? nextSteps() : ongoing.then(nextSteps, nextSteps);
      return ongoing;
    });
    define(it, "return", (value) => {
      const steps = () => returnSteps(value);
      ongoing = ongoing === undefined ? steps() : ongoing.then(steps, steps);
      return ongoing;
    });
    return it;
  }
  define(IteratorProto, Symbol.toStringTag, "ReadableStream AsyncIterator");

  // ---- ReadableStream.from(asyncIterable | iterable)
  function fromIterable(iterable) {
    if (iterable === null || iterable === undefined) throw new TypeError("ReadableStream.from: the argument is not iterable");
    let iterator;
    let sync = false;
    const asyncMethod = iterable[Symbol.asyncIterator];
    if (asyncMethod !== undefined && asyncMethod !== null) iterator = asyncMethod.call(iterable);
    else {
      sync = true;
      const syncMethod = iterable[Symbol.iterator];
      if (typeof syncMethod !== "function") throw new TypeError("ReadableStream.from: the argument is not iterable");
      iterator = syncMethod.call(iterable);
    }
    if (iterator === null || typeof iterator !== "object") throw new TypeError("ReadableStream.from: the iterator is not an object");
    const next = iterator.next;
    let c;
    return S.create((ctl) => { c = ctl; }, () => {
      let result;
      try {
        result = next.call(iterator);
      } catch (e) {
        return rejected(e);
      }
      return Promise.resolve(result).then((r) => {
        if (r === null || typeof r !== "object") throw new TypeError("ReadableStream.from: the iterator's result is not an object");
        if (r.done) S.close(c);
        else if (!sync) S.enqueue(c, r.value);
        else return Promise.resolve(r.value).then((v) => { S.enqueue(c, v); });
      });
    }, (reason) => {
      let ret;
      try {
        ret = iterator.return;
        if (ret === undefined || ret === null) return RESOLVED;
        return Promise.resolve(ret.call(iterator, reason)).then((r) => {
          if (r === null || typeof r !== "object") throw new TypeError("ReadableStream.from: the iterator's return result is not an object");
        });
      } catch (e) {
        return rejected(e);
      }
    }, 0, undefined, false);
  }

  const RS = globalThis.ReadableStream;
  define(RS.prototype, "tee", function tee_() {
    return tee(checked(this));
  });
  define(RS.prototype, "values", function values(options) {
    return asyncIterator(checked(this), Boolean(options && options.preventCancel));
  });
  define(RS.prototype, Symbol.asyncIterator, function asyncIterator_(options) {
    return asyncIterator(checked(this), Boolean(options && options.preventCancel));
  });
  define(RS, "from", function from(asyncIterable) {
    return fromIterable(asyncIterable);
  });
  function checked(stream) {
    S.slotOf(stream);
    return stream;
  }
})
