// WritableStream (WHATWG Streams): the default controller and writer. As in the readable file, the
// spec's algorithms run on plain state objects; the classes hold them privately.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const S = internal.streams;
  const { deferred, handled, rejected, RESOLVED, promiseCall, methodOf, SizedQueue } = S;
  const AbortCtl = globalThis.AbortController;

  const LOCKED = "This WritableStream is currently locked to a writer.";
  const RELEASED = "This WritableStream writer has been released.";
  const CLOSED = "This WritableStream has been closed.";
  const CREATE = Symbol("create");
  const CLOSE_SENTINEL = Symbol("close");

  function newStream(owner) {
    return { owner, state: "writable", storedError: undefined, writer: undefined, controller: undefined,
      inFlightWrite: undefined, closeRequest: undefined, inFlightClose: undefined, pendingAbort: undefined,
      writeRequests: [], backpressure: false };
  }
  const isLocked = (s) => s.writer !== undefined;
  const closeQueuedOrInFlight = (s) => s.closeRequest !== undefined || s.inFlightClose !== undefined;
  const operationInFlight = (s) => s.inFlightWrite !== undefined || s.inFlightClose !== undefined;

  // ---- stream algorithms
  function streamAbort(s, reason) {
    if (s.state === "closed" || s.state === "errored") return RESOLVED;
    s.controller.abortController.abort(reason);
    if (s.state === "closed" || s.state === "errored") return RESOLVED;
    if (s.pendingAbort !== undefined) return s.pendingAbort.d.promise;
    const wasAlreadyErroring = s.state === "erroring";
    const d = deferred();
    s.pendingAbort = { d, reason: wasAlreadyErroring ? undefined : reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) startErroring(s, reason);
    return d.promise;
  }
  function streamClose(s) {
    if (s.state === "closed" || s.state === "errored") return rejected(new TypeError(CLOSED));
    const d = deferred();
    s.closeRequest = d;
    if (s.writer !== undefined && s.backpressure && s.state === "writable") s.writer.ready.resolve(undefined);
    const c = s.controller;
    c.queue.enqueue(CLOSE_SENTINEL, 0);
    advanceQueueIfNeeded(c);
    return d.promise;
  }
  function dealWithRejection(s, error) {
    if (s.state === "writable") startErroring(s, error);
    else finishErroring(s);
  }
  function startErroring(s, reason) {
    s.state = "erroring";
    s.storedError = reason;
    if (s.writer !== undefined) ensureReadyRejected(s.writer, reason);
    if (!operationInFlight(s) && s.controller.started) finishErroring(s);
  }
  function finishErroring(s) {
    s.state = "errored";
    s.controller.queue.reset();
    const error = s.storedError;
    for (const d of s.writeRequests) d.reject(error);
    s.writeRequests = [];
    const abort = s.pendingAbort;
    if (abort === undefined) {
      rejectCloseAndClosedIfNeeded(s);
      return;
    }
    s.pendingAbort = undefined;
    if (abort.wasAlreadyErroring) {
      abort.d.reject(error);
      rejectCloseAndClosedIfNeeded(s);
      return;
    }
    const c = s.controller;
    const sinkAbort = c.abort;
    clearAlgorithms(c);
    (sinkAbort === undefined ? RESOLVED : sinkAbort(abort.reason)).then(() => {
      abort.d.resolve(undefined);
      rejectCloseAndClosedIfNeeded(s);
    }, (e) => {
      abort.d.reject(e);
      rejectCloseAndClosedIfNeeded(s);
    });
  }
  function finishInFlightWrite(s) {
    s.inFlightWrite.resolve(undefined);
    s.inFlightWrite = undefined;
  }
  function finishInFlightWriteWithError(s, error) {
    s.inFlightWrite.reject(error);
    s.inFlightWrite = undefined;
    dealWithRejection(s, error);
  }
  function finishInFlightClose(s) {
    s.inFlightClose.resolve(undefined);
    s.inFlightClose = undefined;
    if (s.state === "erroring") {
      s.storedError = undefined;
      if (s.pendingAbort !== undefined) {
        s.pendingAbort.d.resolve(undefined);
        s.pendingAbort = undefined;
      }
    }
    s.state = "closed";
    if (s.writer !== undefined) s.writer.closed.resolve(undefined);
  }
  function finishInFlightCloseWithError(s, error) {
    s.inFlightClose.reject(error);
    s.inFlightClose = undefined;
    if (s.pendingAbort !== undefined) {
      s.pendingAbort.d.reject(error);
      s.pendingAbort = undefined;
    }
    dealWithRejection(s, error);
  }
  function rejectCloseAndClosedIfNeeded(s) {
    if (s.closeRequest !== undefined) {
      s.closeRequest.reject(s.storedError);
      s.closeRequest = undefined;
    }
    if (s.writer !== undefined) {
      s.writer.closed.reject(s.storedError);
      handled(s.writer.closed.promise);
    }
  }
  function updateBackpressure(s, backpressure) {
    const w = s.writer;
    if (w !== undefined && backpressure !== s.backpressure) {
      if (backpressure) w.ready = deferred();
      else w.ready.resolve(undefined);
    }
    s.backpressure = backpressure;
  }

  // ---- controller algorithms
  function setUpController(s, owner, start, write, close, abort, hwm, size) {
    const c = { owner, stream: s, queue: new SizedQueue(), started: false, hwm, size, write, close, abort,
      abortController: new AbortCtl() };
    s.controller = c;
    bindController(owner, c);
    updateBackpressure(s, backpressureOf(c));
    const startResult = start(owner);
    Promise.resolve(startResult).then(() => {
      c.started = true;
      advanceQueueIfNeeded(c);
    }, (e) => {
      c.started = true;
      dealWithRejection(s, e);
    });
    return c;
  }
  function clearAlgorithms(c) {
    c.write = undefined;
    c.close = undefined;
    c.abort = undefined;
    c.size = undefined;
  }
  const controllerDesiredSize = (c) => c.hwm - c.queue.totalSize;
  const backpressureOf = (c) => controllerDesiredSize(c) <= 0;
  function errorIfNeeded(c, error) {
    if (c.stream.state === "writable") controllerError(c, error);
  }
  function controllerError(c, error) {
    clearAlgorithms(c);
    startErroring(c.stream, error);
  }
  function advanceQueueIfNeeded(c) {
    const s = c.stream;
    if (!c.started || s.inFlightWrite !== undefined) return;
    if (s.state === "erroring") {
      finishErroring(s);
      return;
    }
    if (c.queue.length === 0) return;
    const value = c.queue.peek();
    if (value === CLOSE_SENTINEL) processClose(c);
    else processWrite(c, value);
  }
  function processClose(c) {
    const s = c.stream;
    s.inFlightClose = s.closeRequest;
    s.closeRequest = undefined;
    c.queue.dequeue();
    const close = c.close;
    clearAlgorithms(c);
    close().then(() => finishInFlightClose(s), (e) => finishInFlightCloseWithError(s, e));
  }
  function processWrite(c, chunk) {
    const s = c.stream;
    s.inFlightWrite = s.writeRequests.shift();
    c.write(chunk).then(() => {
      finishInFlightWrite(s);
      c.queue.dequeue();
      if (!closeQueuedOrInFlight(s) && s.state === "writable") updateBackpressure(s, backpressureOf(c));
      advanceQueueIfNeeded(c);
    }, (e) => {
      if (s.state === "writable") clearAlgorithms(c);
      finishInFlightWriteWithError(s, e);
    });
  }
  function chunkSize(c, chunk) {
    if (c.size === undefined) return 1;
    try {
      return c.size(chunk);
    } catch (e) {
      errorIfNeeded(c, e);
      return 1;
    }
  }

  // ---- writer algorithms
  function newWriter(owner, s) {
    if (isLocked(s)) throw new TypeError(LOCKED);
    const w = { owner, stream: s, ready: deferred(), closed: deferred() };
    s.writer = w;
    if (s.state === "writable") {
      if (closeQueuedOrInFlight(s) || !s.backpressure) w.ready.resolve(undefined);
    } else if (s.state === "erroring") {
      w.ready.reject(s.storedError);
      handled(w.ready.promise);
    } else if (s.state === "closed") {
      w.ready.resolve(undefined);
      w.closed.resolve(undefined);
    } else {
      w.ready.reject(s.storedError);
      handled(w.ready.promise);
      w.closed.reject(s.storedError);
      handled(w.closed.promise);
    }
    return w;
  }
  function ensureReadyRejected(w, error) {
    if (w.ready.settled) w.ready = deferred();
    w.ready.reject(error);
    handled(w.ready.promise);
  }
  function ensureClosedRejected(w, error) {
    if (w.closed.settled) w.closed = deferred();
    w.closed.reject(error);
    handled(w.closed.promise);
  }
  function writerRelease(w) {
    const error = new TypeError(RELEASED);
    ensureReadyRejected(w, error);
    ensureClosedRejected(w, error);
    w.stream.writer = undefined;
    w.stream = undefined;
  }
  function writerWrite(w, chunk) {
    const s = w.stream;
    const c = s.controller;
    const size = chunkSize(c, chunk);
    if (s !== w.stream) return rejected(new TypeError(RELEASED));
    if (s.state === "errored") return rejected(s.storedError);
    if (closeQueuedOrInFlight(s) || s.state === "closed") return rejected(new TypeError(CLOSED));
    if (s.state === "erroring") return rejected(s.storedError);
    const d = deferred();
    s.writeRequests.push(d);
    try {
      c.queue.enqueue(chunk, size);
    } catch (e) {
      errorIfNeeded(c, e);
      return d.promise;
    }
    if (!closeQueuedOrInFlight(s) && s.state === "writable") updateBackpressure(s, backpressureOf(c));
    advanceQueueIfNeeded(c);
    return d.promise;
  }
  function writerCloseWithErrorPropagation(w) {
    const s = w.stream;
    if (closeQueuedOrInFlight(s) || s.state === "closed") return RESOLVED;
    if (s.state === "errored") return rejected(s.storedError);
    return streamClose(s);
  }
  function writerDesiredSize(s) {
    if (s.state === "errored" || s.state === "erroring") return null;
    if (s.state === "closed") return 0;
    return controllerDesiredSize(s.controller);
  }

  class WritableStreamDefaultWriter {
    #w;
    constructor(stream) {
      this.#w = newWriter(this, slotOf(stream, "WritableStreamDefaultWriter"));
    }
    get closed() { return this.#w.closed.promise; }
    get ready() { return this.#w.ready.promise; }
    get desiredSize() {
      if (this.#w.stream === undefined) throw new TypeError(RELEASED);
      return writerDesiredSize(this.#w.stream);
    }
    abort(reason) {
      if (this.#w.stream === undefined) return rejected(new TypeError(RELEASED));
      return streamAbort(this.#w.stream, reason);
    }
    close() {
      const s = this.#w.stream;
      if (s === undefined) return rejected(new TypeError(RELEASED));
      if (closeQueuedOrInFlight(s)) return rejected(new TypeError(CLOSED));
      return streamClose(s);
    }
    releaseLock() {
      if (this.#w.stream !== undefined) writerRelease(this.#w);
    }
    write(chunk) {
      if (this.#w.stream === undefined) return rejected(new TypeError(RELEASED));
      return writerWrite(this.#w, chunk);
    }
    get [Symbol.toStringTag]() { return "WritableStreamDefaultWriter"; }
  }

  class WritableStreamDefaultController {
    #c;
    constructor(key) {
      if (key !== CREATE) throw new TypeError("Illegal constructor");
    }
    get signal() { return this.#c.abortController.signal; }
    error(e) {
      if (this.#c.stream.state === "writable") controllerError(this.#c, e);
    }
    get [Symbol.toStringTag]() { return "WritableStreamDefaultController"; }
    static {
      WritableStreamDefaultController.bind = (owner, c) => { owner.#c = c; };
    }
  }
  const bindController = WritableStreamDefaultController.bind;
  delete WritableStreamDefaultController.bind;

  class WritableStream {
    #s;
    constructor(underlyingSink, strategy) {
      this.#s = newStream(this);
      if (underlyingSink === CREATE) return;
      const sink = S.dictionary(underlyingSink, "WritableStream: underlyingSink");
      strategy = S.dictionary(strategy, "WritableStream: strategy");
      if (sink !== undefined && sink.type !== undefined) throw new RangeError("WritableStream: type must be undefined");
      const start = methodOf(sink, "start", "WritableStream");
      const write = methodOf(sink, "write", "WritableStream");
      const close = methodOf(sink, "close", "WritableStream");
      const abort = methodOf(sink, "abort", "WritableStream");
      const size = S.extractSizeAlgorithm(strategy);
      const hwm = S.extractHighWaterMark(strategy, 1);
      const owner = new WritableStreamDefaultController(CREATE);
      setUpController(this.#s, owner, (ctl) => (start === undefined ? undefined : start.call(sink, ctl)),
        (chunk) => promiseCall(write, sink, [chunk, owner]), () => promiseCall(close, sink, []),
        (reason) => promiseCall(abort, sink, [reason]), hwm, size);
    }
    get locked() { return isLocked(this.#s); }
    abort(reason) {
      if (isLocked(this.#s)) return rejected(new TypeError(LOCKED));
      return streamAbort(this.#s, reason);
    }
    close() {
      const s = this.#s;
      if (isLocked(s)) return rejected(new TypeError(LOCKED));
      if (closeQueuedOrInFlight(s)) return rejected(new TypeError(CLOSED));
      return streamClose(s);
    }
    getWriter() { return new WritableStreamDefaultWriter(this); }
    get [Symbol.toStringTag]() { return "WritableStream"; }
    static {
      WritableStream.slot = (v) => (v !== null && typeof v === "object" && #s in v ? v.#s : undefined);
    }
  }
  const slotIfStream = WritableStream.slot;
  delete WritableStream.slot;
  const slotOf = S.checkedSlot(slotIfStream, "WritableStream");

  /** CreateWritableStream over internal algorithms (each returns a promise). */
  function create(start, write, close, abort, hwm, size) {
    const stream = new WritableStream(CREATE);
    const owner = new WritableStreamDefaultController(CREATE);
    setUpController(slotOf(stream), owner, start, write, close, abort, hwm, size);
    return stream;
  }

  S.writable = {
    create, slotOf, isWritableStream: (v) => slotIfStream(v) !== undefined, isLocked, closeQueuedOrInFlight,
    acquireWriter: (stream) => newWriter(undefined, slotOf(stream)), writerWrite, writerRelease,
    writerCloseWithErrorPropagation, streamAbort, errorIfNeeded, LOCKED,
  };
  define(globalThis, "WritableStream", WritableStream);
  define(globalThis, "WritableStreamDefaultWriter", WritableStreamDefaultWriter);
  define(globalThis, "WritableStreamDefaultController", WritableStreamDefaultController);
})
