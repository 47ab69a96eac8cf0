// ReadableStream (WHATWG Streams): the stream, the default controller, the default and BYOB readers. The algorithms work on plain state objects, as the spec works on internal slots;
// the public classes only hold their state in a private field and check their arguments.
//
// Byte streams (`type: "bytes"`, and every body stream) are a simplified ReadableByteStreamController:
// chunks are copied in (no buffer transfer), `byobRequest` is always null, and a BYOB reader fills its
// view from the queue. What user code can observe otherwise follows the spec.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const S = internal.streams;
  const { deferred, handled, rejected, RESOLVED, promiseCall, methodOf, SizedQueue } = S;

  const LOCKED = "This ReadableStream is currently locked to a reader.";
  const RELEASED = "This ReadableStream reader has been released.";
  const CREATE = Symbol("create");

  // ---- the stream's state
  function newStream(owner) {
    return { owner, state: "readable", reader: undefined, storedError: undefined, disturbed: false, controller: undefined,
      bytes: false, data: null };
  }
  const isLocked = (s) => s.reader !== undefined;

  function streamClose(s) {
    s.state = "closed";
    const r = s.reader;
    if (r === undefined) return;
    r.closed.resolve(undefined);
    const requests = r.requests;
    r.requests = [];
    for (const req of requests) req.close();
  }
  function streamError(s, e) {
    s.state = "errored";
    s.storedError = e;
    const r = s.reader;
    if (r === undefined) return;
    r.closed.reject(e);
    handled(r.closed.promise);
    const requests = r.requests;
    r.requests = [];
    for (const req of requests) req.error(e);
  }
  function streamCancel(s, reason) {
    s.disturbed = true;
    if (s.state === "closed") return RESOLVED;
    if (s.state === "errored") return rejected(s.storedError);
    streamClose(s);
    return controllerCancelSteps(s.controller, reason).then(() => undefined);
  }

  // ---- the controller's state and algorithms (ReadableStreamDefaultController, and the byte variant)
  /** `start(c)` runs now (a throw propagates to the constructor); pulling begins once its result settles. */
  function setUpController(s, owner, start, pull, cancel, hwm, size) {
    const c = { owner, stream: s, queue: new SizedQueue(), started: false, closeRequested: false, pullAgain: false,
      pulling: false, hwm, size, pull, cancel };
    s.controller = c;
    (s.bytes ? bindBytes : bindDefault)(owner, c);
    const startResult = start(c);
    Promise.resolve(startResult).then(() => {
      c.started = true;
      callPullIfNeeded(c);
    }, (e) => controllerError(c, e));
    return c;
  }
  const canCloseOrEnqueue = (c) => !c.closeRequested && c.stream.state === "readable";
  function desiredSize(c) {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.hwm - c.queue.totalSize;
  }
  function pendingReads(s) {
    return s.reader === undefined ? 0 : s.reader.requests.length;
  }
  function shouldCallPull(c) {
    if (!canCloseOrEnqueue(c) || !c.started) return false;
    if (pendingReads(c.stream) > 0) return true;
    return desiredSize(c) > 0;
  }
  function callPullIfNeeded(c) {
    if (!shouldCallPull(c)) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    c.pull(c.owner).then(() => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        callPullIfNeeded(c);
      }
    }, (e) => controllerError(c, e));
  }
  function clearAlgorithms(c) {
    c.pull = undefined;
    c.cancel = undefined;
    c.size = undefined;
  }
  function controllerClose(c) {
    if (!canCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      clearAlgorithms(c);
      streamClose(c.stream);
    }
  }
  function controllerError(c, e) {
    if (c.stream.state !== "readable") return;
    c.queue.reset();
    clearAlgorithms(c);
    streamError(c.stream, e);
  }
  function controllerEnqueue(c, chunk) {
    if (!canCloseOrEnqueue(c)) return;
    const s = c.stream;
    const r = s.reader;
    if (r !== undefined && r.requests.length > 0 && !r.byob) {
      r.requests.shift().chunk(chunk);
    } else {
      let size;
      try {
        size = s.bytes ? chunk.byteLength : c.size(chunk);
        c.queue.enqueue(chunk, size);
      } catch (e) {
        controllerError(c, e);
        throw e;
      }
      if (r !== undefined && r.byob) fillReadIntos(c);
    }
    callPullIfNeeded(c);
  }
  function copyBytes(chunk) {
    if (!ArrayBuffer.isView(chunk)) throw new TypeError("ReadableByteStreamController.enqueue: the chunk must be an ArrayBufferView");
    if (chunk.byteLength === 0) throw new TypeError("ReadableByteStreamController.enqueue: the chunk must not be empty");
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice();
  }
  /** After a chunk left the queue: close when that was the last one of a closing stream, else maybe pull. */
  function afterDequeue(c) {
    if (c.closeRequested && c.queue.length === 0) {
      clearAlgorithms(c);
      streamClose(c.stream);
    } else {
      callPullIfNeeded(c);
    }
  }
  function pullSteps(c, request) {
    if (c.queue.length > 0) {
      const chunk = c.queue.dequeue();
      afterDequeue(c);
      request.chunk(chunk);
      return;
    }
    c.stream.reader.requests.push(request);
    callPullIfNeeded(c);
  }
  function controllerCancelSteps(c, reason) {
    c.queue.reset();
    const cancel = c.cancel;
    clearAlgorithms(c);
    return cancel === undefined ? RESOLVED : cancel(reason);
  }
  // A BYOB read takes bytes from the queue into its view, splitting a chunk when the view is smaller.
  function fillReadIntos(c) {
    const r = c.stream.reader;
    while (r.requests.length > 0 && c.queue.length > 0) {
      const req = r.requests.shift();
      req.chunk(takeInto(c, req.view));
    }
  }
  function takeInto(c, view) {
    const unit = view.BYTES_PER_ELEMENT || 1;
    const target = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    let filled = 0;
    while (c.queue.length > 0 && filled < target.length) {
      const head = c.queue.dequeue();
      const n = Math.min(head.length, target.length - filled);
      target.set(n === head.length ? head : head.subarray(0, n), filled);
      filled += n;
      if (n < head.length) c.queue.unshift(head.subarray(n), head.length - n);
    }
    // A view of wider elements takes whole elements only; the bytes of a partial one go back.
    const extra = filled % unit;
    if (extra > 0) {
      filled -= extra;
      c.queue.unshift(target.slice(filled, filled + extra), extra);
    }
    const Ctor = view.constructor;
    return Ctor === DataView ? new DataView(view.buffer, view.byteOffset, filled)
      : new Ctor(view.buffer, view.byteOffset, Math.floor(filled / unit));
  }
  function byobReadSteps(c, request) {
    if (c.queue.length > 0) {
      const value = takeInto(c, request.view);
      afterDequeue(c);
      request.chunk(value);
      return;
    }
    c.stream.reader.requests.push(request);
    callPullIfNeeded(c);
  }
  function emptyViewLike(view) {
    const Ctor = view.constructor;
    return Ctor === DataView ? new DataView(view.buffer, view.byteOffset, 0) : new Ctor(view.buffer, view.byteOffset, 0);
  }

  // ---- readers
  function newReader(owner, s, byob) {
    if (isLocked(s)) throw new TypeError(LOCKED);
    if (byob && !s.bytes) throw new TypeError("Cannot get a BYOB reader for a ReadableStream that is not a byte stream.");
    const r = { owner, stream: s, closed: deferred(), requests: [], byob };
    s.reader = r;
    if (s.state === "closed") r.closed.resolve(undefined);
    else if (s.state === "errored") {
      r.closed.reject(s.storedError);
      handled(r.closed.promise);
    }
    return r;
  }
  function readerRead(r, request) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === "closed") request.close();
    else if (s.state === "errored") request.error(s.storedError);
    else pullSteps(s.controller, request);
  }
  function readerRelease(r) {
    const s = r.stream;
    const error = new TypeError(RELEASED);
    if (s.state === "readable") r.closed.reject(error);
    else {
      r.closed = deferred();
      r.closed.reject(error);
    }
    handled(r.closed.promise);
    s.reader = undefined;
    r.stream = undefined;
    const requests = r.requests;
    r.requests = [];
    for (const req of requests) req.error(error);
  }
  function readRequestFor(d) {
    return {
      chunk: (value) => d.resolve({ value, done: false }),
      close: () => d.resolve({ value: undefined, done: true }),
      error: (e) => d.reject(e),
    };
  }
  function readerCancel(r, reason) {
    return streamCancel(r.stream, reason);
  }

  class ReadableStreamDefaultReader {
    #r;
    constructor(stream) {
      this.#r = newReader(this, slotOf(stream, "ReadableStreamDefaultReader"), false);
    }
    read() {
      const r = this.#r;
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      const d = deferred();
      readerRead(r, readRequestFor(d));
      return d.promise;
    }
    get [Symbol.toStringTag]() { return "ReadableStreamDefaultReader"; }
    static {
      ReadableStreamDefaultReader.slot = (reader) => reader.#r;
    }
  }
  const defaultReaderSlot = ReadableStreamDefaultReader.slot;
  delete ReadableStreamDefaultReader.slot;

  class ReadableStreamBYOBReader {
    #r;
    constructor(stream) {
      this.#r = newReader(this, slotOf(stream, "ReadableStreamBYOBReader"), true);
    }
    read(view) {
      const r = this.#r;
      if (!ArrayBuffer.isView(view)) return rejected(new TypeError("ReadableStreamBYOBReader.read: view must be an ArrayBufferView"));
      if (view.byteLength === 0) return rejected(new TypeError("ReadableStreamBYOBReader.read: view must not be empty"));
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      const d = deferred();
      const s = r.stream;
      s.disturbed = true;
      if (s.state === "errored") d.reject(s.storedError);
      else if (s.state === "closed") d.resolve({ value: emptyViewLike(view), done: true });
      else {
        byobReadSteps(s.controller, {
          view,
          chunk: (value) => d.resolve({ value, done: false }),
          close: () => d.resolve({ value: emptyViewLike(view), done: true }),
          error: (e) => d.reject(e),
        });
      }
      return d.promise;
    }
    get [Symbol.toStringTag]() { return "ReadableStreamBYOBReader"; }
    static {
      ReadableStreamBYOBReader.slot = (reader) => reader.#r;
    }
  }
  const byobReaderSlot = ReadableStreamBYOBReader.slot;
  delete ReadableStreamBYOBReader.slot;

  /** The spec's ReadableStreamGenericReader mixin: `closed`, `releaseLock` and `cancel` of both readers. */
  function mixGenericReader(Reader, slot) {
    Object.defineProperty(Reader.prototype, "closed", {
      get() { return slot(this).closed.promise; }, enumerable: false, configurable: true });
    define(Reader.prototype, "releaseLock", function releaseLock() {
      const r = slot(this);
      if (r.stream !== undefined) readerRelease(r);
    });
    define(Reader.prototype, "cancel", function cancel(reason) {
      let r;
      try { r = slot(this); } catch (e) { return rejected(e); }
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      return readerCancel(r, reason);
    });
  }
  mixGenericReader(ReadableStreamDefaultReader, defaultReaderSlot);
  mixGenericReader(ReadableStreamBYOBReader, byobReaderSlot);

  // ---- controllers as user code sees them
  function checkCanEnqueue(c, what) {
    if (c.closeRequested) throw new TypeError(what + ": the stream is closing");
    if (c.stream.state !== "readable") throw new TypeError(what + ": the stream is " + c.stream.state);
  }
  class ReadableStreamDefaultController {
    #c;
    constructor(key) {
      if (key !== CREATE) throw new TypeError("Illegal constructor");
    }
    enqueue(chunk) {
      checkCanEnqueue(this.#c, "ReadableStreamDefaultController.enqueue");
      controllerEnqueue(this.#c, chunk);
    }
    get [Symbol.toStringTag]() { return "ReadableStreamDefaultController"; }
    static {
      ReadableStreamDefaultController.bind = (owner, c) => { owner.#c = c; };
      ReadableStreamDefaultController.slot = (owner) => owner.#c;
    }
  }
  class ReadableByteStreamController {
    #c;
    constructor(key) {
      if (key !== CREATE) throw new TypeError("Illegal constructor");
    }
    get byobRequest() { return null; }
    enqueue(chunk) {
      checkCanEnqueue(this.#c, "ReadableByteStreamController.enqueue");
      controllerEnqueue(this.#c, copyBytes(chunk));
    }
    get [Symbol.toStringTag]() { return "ReadableByteStreamController"; }
    static {
      ReadableByteStreamController.bind = (owner, c) => { owner.#c = c; };
      ReadableByteStreamController.slot = (owner) => owner.#c;
    }
  }
  const bindDefault = ReadableStreamDefaultController.bind;
  const bindBytes = ReadableByteStreamController.bind;
  /** What both controllers share: desiredSize, close and error. */
  for (const Ctl of [ReadableStreamDefaultController, ReadableByteStreamController]) {
    const slot = Ctl.slot;
    delete Ctl.bind;
    delete Ctl.slot;
    Object.defineProperty(Ctl.prototype, "desiredSize", {
      get() { return desiredSize(slot(this)); }, enumerable: false, configurable: true });
    define(Ctl.prototype, "close", function close() {
      checkCanEnqueue(slot(this), Ctl.name + ".close");
      controllerClose(slot(this));
    });
    define(Ctl.prototype, "error", function error(e) { controllerError(slot(this), e); });
  }

  /**
   * CreateReadableStream: a stream over internal algorithms (pull and cancel return promises).
   * `bytes` makes it a byte stream, as request and response bodies are.
   */
  function create(start, pull, cancel, hwm, size, bytes) {
    const stream = new ReadableStream(CREATE);
    const s = slotOf(stream);
    s.bytes = bytes === true;
    const owner = new (s.bytes ? ReadableByteStreamController : ReadableStreamDefaultController)(CREATE);
    setUpController(s, owner, start || (() => undefined), pull, cancel, hwm, size || S.extractSizeAlgorithm(undefined));
    return stream;
  }

  // ---- ReadableStream
  class ReadableStream {
    #s;
    constructor(underlyingSource, strategy) {
      this.#s = newStream(this);
      if (underlyingSource === CREATE) return;
      const source = S.dictionary(underlyingSource, "ReadableStream: underlyingSource");
      strategy = S.dictionary(strategy, "ReadableStream: strategy");
      const start = methodOf(source, "start", "ReadableStream");
      const pull = methodOf(source, "pull", "ReadableStream");
      const cancel = methodOf(source, "cancel", "ReadableStream");
      const type = source === undefined ? undefined : source.type;
      const s = this.#s;
      let owner;
      let hwm;
      let size;
      if (type !== undefined && String(type) === "bytes") {
        if (strategy !== undefined && strategy.size !== undefined) {
          throw new RangeError("ReadableStream: a byte stream cannot have a strategy with a size");
        }
        hwm = S.extractHighWaterMark(strategy, 0);
        s.bytes = true;
        owner = new ReadableByteStreamController(CREATE);
      } else if (type !== undefined) {
        throw new TypeError("ReadableStream: type must be undefined or \"bytes\", got " + String(type));
      } else {
        size = S.extractSizeAlgorithm(strategy);
        hwm = S.extractHighWaterMark(strategy, 1);
        owner = new ReadableStreamDefaultController(CREATE);
      }
      const startOnce = () => (start === undefined ? undefined : start.call(source, owner));
      setUpController(s, owner, startOnce, (ctl) => promiseCall(pull, source, [ctl]),
        (reason) => promiseCall(cancel, source, [reason]), hwm, size);
    }
    get locked() { return isLocked(this.#s); }
    cancel(reason) {
      if (isLocked(this.#s)) return rejected(new TypeError(LOCKED));
      return streamCancel(this.#s, reason);
    }
    getReader(options) {
      const mode = options === undefined || options === null ? undefined : options.mode;
      if (mode === undefined) return new ReadableStreamDefaultReader(this);
      if (String(mode) === "byob") return new ReadableStreamBYOBReader(this);
      throw new TypeError("ReadableStream.getReader: mode must be \"byob\" or undefined, got " + String(mode));
    }
    // tee, values, [Symbol.asyncIterator] and ReadableStream.from: 43-streams-readable-ops.js
    get [Symbol.toStringTag]() { return "ReadableStream"; }
    static {
      ReadableStream.slot = (v) => (v !== null && typeof v === "object" && #s in v ? v.#s : undefined);
    }
  }
  const slotIfStream = ReadableStream.slot;
  delete ReadableStream.slot;
  const slotOf = S.checkedSlot(slotIfStream, "ReadableStream");

  // ---- hooks for the other streams files and the fetch API
  /**
   * A closed byte stream holding `bytes` as its one chunk: a body's stream, made when `.body` is
   * touched. `data` is the body as it was given (string or bytes), for takeData.
   */
  function fromData(bytes, data) {
    const stream = create(undefined, () => RESOLVED, () => RESOLVED, 0, undefined, true);
    const s = slotOf(stream);
    s.data = data;
    const c = s.controller;
    if (bytes.length > 0) c.queue.enqueue(bytes, bytes.length);
    controllerClose(c);
    return stream;
  }
  /**
   * The body data behind an untouched `fromData` stream, taking it (the stream ends up locked and
   * disturbed, as if read to the end); null for any other stream. Lets a body that is passed on
   * unchanged skip the stream machinery.
   */
  function takeData(stream) {
    const s = slotIfStream(stream);
    if (s === undefined || s.data === null || s.disturbed || isLocked(s)) return null;
    const data = s.data;
    s.data = null;
    newReader(undefined, s, false);
    s.disturbed = true;
    s.controller.queue.reset();
    if (s.state === "readable") streamClose(s);
    return data;
  }
  /** The stream of a body that was read without one: closed, locked and disturbed. */
  function usedStream() {
    const stream = create(undefined, () => RESOLVED, () => RESOLVED, 0, undefined, true);
    const s = slotOf(stream);
    newReader(undefined, s, false);
    s.disturbed = true;
    streamClose(s);
    return stream;
  }
  /** A read that completes now when a chunk is queued: the chunk, or NOTHING. */
  const NOTHING = Symbol("nothing");
  function readNow(r) {
    const s = r.stream;
    if (s === undefined || s.state !== "readable" || s.controller.queue.length === 0) return NOTHING;
    let got = NOTHING;
    readerRead(r, { chunk: (v) => { got = v; }, close() {}, error() {} });
    return got;
  }

  Object.assign(S, {
    create, fromData, takeData, usedStream, readNow, NOTHING, isReadableStream: (v) => slotIfStream(v) !== undefined,
    slotOf, isLocked, isDisturbed: (stream) => slotOf(stream).disturbed,
    acquireReader: (stream) => newReader(undefined, slotOf(stream), false),
    readerRead, readerRelease, streamCancel, readRequestFor, bytes: (stream) => slotOf(stream).bytes,
    canCloseOrEnqueue, desiredSize, hasBackpressure: (c) => !shouldCallPull(c),
    enqueue: controllerEnqueue, close: controllerClose, error: controllerError, LOCKED,
  });
  define(globalThis, "ReadableStream", ReadableStream);
  define(globalThis, "ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  define(globalThis, "ReadableStreamBYOBReader", ReadableStreamBYOBReader);
  define(globalThis, "ReadableStreamDefaultController", ReadableStreamDefaultController);
  define(globalThis, "ReadableByteStreamController", ReadableByteStreamController);
})
