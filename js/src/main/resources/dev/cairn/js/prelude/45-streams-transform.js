// TransformStream and piping (ReadableStream.prototype.pipeTo / pipeThrough), which need both the
// readable and the writable internals.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const S = internal.streams;
  const W = S.writable;
  const { deferred, handled, rejected, RESOLVED, NOOP, promiseCall, methodOf } = S;
  const CREATE = Symbol("create");
  const AbortSignalCtor = globalThis.AbortSignal;

  // ---- TransformStream: a writable side whose chunks the transformer turns into the readable side's
  function setBackpressure(t, backpressure) {
    if (t.backpressureChange !== undefined) t.backpressureChange.resolve(undefined);
    t.backpressureChange = deferred();
    t.backpressure = backpressure;
  }
  function transformError(t, e) {
    S.error(t.readableController, e);
    errorWritableAndUnblockWrite(t, e);
  }
  function errorWritableAndUnblockWrite(t, e) {
    clearAlgorithms(t);
    W.errorIfNeeded(t.writable.controller, e);
    unblockWrite(t);
  }
  function unblockWrite(t) {
    if (t.backpressure) setBackpressure(t, false);
  }
  function clearAlgorithms(t) {
    t.transform = undefined;
    t.flush = undefined;
    t.cancel = undefined;
  }
  function controllerEnqueue(t, chunk) {
    const rc = t.readableController;
    if (!S.canCloseOrEnqueue(rc)) throw new TypeError("TransformStream: the readable side is closed or errored");
    try {
      S.enqueue(rc, chunk);
    } catch (e) {
      errorWritableAndUnblockWrite(t, e);
      throw t.readable.storedError;
    }
    const backpressure = S.hasBackpressure(rc);
    if (backpressure !== t.backpressure && backpressure) setBackpressure(t, true);
  }
  function controllerTerminate(t) {
    S.close(t.readableController);
    errorWritableAndUnblockWrite(t, new TypeError("TransformStream terminated"));
  }
  function performTransform(t, chunk) {
    return t.transform(chunk).then(undefined, (r) => {
      transformError(t, r);
      throw r;
    });
  }
  function sinkWrite(t, chunk) {
    if (t.backpressure) {
      return t.backpressureChange.promise.then(() => {
        const ws = t.writable;
        if (ws.state === "erroring") throw ws.storedError;
        return performTransform(t, chunk);
      });
    }
    return performTransform(t, chunk);
  }
  /**
   * The first of abort, close and cancel runs `work` (the transformer's cancel or flush); once it
   * settled, when `other()` (the side that did not ask) errored meanwhile the finish rejects with
   * that error, else `ok()` runs; a failed work runs `failed(reason)`. Later calls share the promise.
   */
  function finishOnce(t, work, other, ok, failed) {
    if (t.finish !== undefined) return t.finish.promise;
    const finish = (t.finish = deferred());
    const settled = work();
    clearAlgorithms(t);
    settled.then(() => {
      const side = other();
      if (side.state === "errored") finish.reject(side.storedError);
      else {
        ok();
        finish.resolve(undefined);
      }
    }, (r) => {
      failed(r);
      finish.reject(r);
    });
    return finish.promise;
  }
  const errorReadable = (t) => (r) => S.error(t.readableController, r);
  function errorWritable(t, r) {
    W.errorIfNeeded(t.writable.controller, r);
    unblockWrite(t);
  }
  const sinkAbort = (t, reason) => finishOnce(t, () => t.cancel(reason), () => t.readable,
    () => S.error(t.readableController, reason), errorReadable(t));
  const sinkClose = (t) => finishOnce(t, () => t.flush(), () => t.readable, () => S.close(t.readableController), errorReadable(t));
  const sourceCancel = (t, reason) => finishOnce(t, () => t.cancel(reason), () => t.writable,
    () => errorWritable(t, reason), (r) => errorWritable(t, r));
  function sourcePull(t) {
    setBackpressure(t, false);
    return t.backpressureChange.promise;
  }

  class TransformStreamDefaultController {
    #t;
    constructor(key) {
      if (key !== CREATE) throw new TypeError("Illegal constructor");
    }
    get desiredSize() { return S.desiredSize(this.#t.readableController); }
    enqueue(chunk) { controllerEnqueue(this.#t, chunk); }
    error(reason) { transformError(this.#t, reason); }
    terminate() { controllerTerminate(this.#t); }
    get [Symbol.toStringTag]() { return "TransformStreamDefaultController"; }
    static {
      TransformStreamDefaultController.bind = (owner, t) => { owner.#t = t; };
    }
  }
  const bindController = TransformStreamDefaultController.bind;
  delete TransformStreamDefaultController.bind;

  class TransformStream {
    #readable;
    #writable;
    constructor(transformer, writableStrategy, readableStrategy) {
      const tr = S.dictionary(transformer, "TransformStream: transformer");
      writableStrategy = S.dictionary(writableStrategy, "TransformStream: writableStrategy");
      readableStrategy = S.dictionary(readableStrategy, "TransformStream: readableStrategy");
      if (tr !== undefined && tr.readableType !== undefined) throw new RangeError("TransformStream: readableType must be undefined");
      if (tr !== undefined && tr.writableType !== undefined) throw new RangeError("TransformStream: writableType must be undefined");
      const start = methodOf(tr, "start", "TransformStream");
      const transform = methodOf(tr, "transform", "TransformStream");
      const flush = methodOf(tr, "flush", "TransformStream");
      const cancel = methodOf(tr, "cancel", "TransformStream");
      const readableHwm = S.extractHighWaterMark(readableStrategy, 0);
      const readableSize = S.extractSizeAlgorithm(readableStrategy);
      const writableHwm = S.extractHighWaterMark(writableStrategy, 1);
      const writableSize = S.extractSizeAlgorithm(writableStrategy);
      const started = deferred();
      const owner = new TransformStreamDefaultController(CREATE);
      const t = { backpressure: undefined, backpressureChange: undefined, readable: undefined, readableController: undefined,
        writable: undefined, finish: undefined, transform: undefined, flush: undefined, cancel: undefined };
      this.#writable = W.create(() => started.promise, (chunk) => sinkWrite(t, chunk), () => sinkClose(t),
        (reason) => sinkAbort(t, reason), writableHwm, writableSize);
      this.#readable = S.create((c) => {
        t.readableController = c;
        return started.promise;
      }, () => sourcePull(t), (reason) => sourceCancel(t, reason), readableHwm, readableSize, false);
      t.writable = W.slotOf(this.#writable);
      t.readable = S.slotOf(this.#readable);
      setBackpressure(t, true);
      bindController(owner, t);
      t.transform = transform === undefined
        ? (chunk) => {
          try {
            controllerEnqueue(t, chunk);
            return RESOLVED;
          } catch (e) {
            return rejected(e);
          }
        }
        : (chunk) => promiseCall(transform, tr, [chunk, owner]);
      t.flush = (c) => promiseCall(flush, tr, [owner]);
      t.cancel = (reason) => promiseCall(cancel, tr, [reason]);
      started.resolve(start === undefined ? undefined : start.call(tr, owner));
    }
    get readable() { return this.#readable; }
    get writable() { return this.#writable; }
    get [Symbol.toStringTag]() { return "TransformStream"; }
  }

  // ---- pipeTo: read from the source, write to the destination, honouring backpressure both ways
  function pipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = S.acquireReader(source);
    const writer = W.acquireWriter(dest);
    const rs = S.slotOf(source);
    const ws = W.slotOf(dest);
    rs.disturbed = true;
    let shuttingDown = false;
    let currentWrite = RESOLVED;
    const done = deferred();
    let abortAlgorithm;

    function waitForWritesToFinish() {
      const old = currentWrite;
      return old.then(() => (old !== currentWrite ? waitForWritesToFinish() : undefined));
    }
    function finalize(isError, error) {
      W.writerRelease(writer);
      S.readerRelease(reader);
      if (signal !== undefined) signal.removeEventListener("abort", abortAlgorithm);
      if (isError) done.reject(error);
      else done.resolve(undefined);
    }
    function afterWrites(then) {
      if (ws.state === "writable" && !W.closeQueuedOrInFlight(ws)) waitForWritesToFinish().then(then);
      else then();
    }
    function shutdownWithAction(action, isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      afterWrites(() => {
        let p;
        try {
          p = Promise.resolve(action());
        } catch (e) {
          p = rejected(e);
        }
        p.then(() => finalize(isError, error), (e) => finalize(true, e));
      });
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      afterWrites(() => finalize(isError, error));
    }
    function onSourceErrored(e) {
      if (!preventAbort) shutdownWithAction(() => W.streamAbort(ws, e), true, e);
      else shutdown(true, e);
    }
    function onDestErrored(e) {
      if (!preventCancel) shutdownWithAction(() => S.streamCancel(rs, e), true, e);
      else shutdown(true, e);
    }
    function onSourceClosed() {
      if (!preventClose) shutdownWithAction(() => W.writerCloseWithErrorPropagation(writer), false, undefined);
      else shutdown(false, undefined);
    }
    function onDestClosed() {
      const e = new TypeError("the destination writable stream closed before all data could be piped to it");
      if (!preventCancel) shutdownWithAction(() => S.streamCancel(rs, e), true, e);
      else shutdown(true, e);
    }

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) actions.push(() => (ws.state === "writable" ? W.streamAbort(ws, error) : RESOLVED));
        if (!preventCancel) actions.push(() => (rs.state === "readable" ? S.streamCancel(rs, error) : RESOLVED));
        shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
      };
      if (signal.aborted) {
        abortAlgorithm();
        return done.promise;
      }
      signal.addEventListener("abort", abortAlgorithm);
    }

    // Errors and closes are watched from the start, as in the spec, not only between reads.
    if (rs.state === "errored") onSourceErrored(rs.storedError);
    else reader.closed.promise.then(undefined, onSourceErrored);
    if (ws.state === "errored" || ws.state === "erroring") onDestErrored(ws.storedError);
    else writer.closed.promise.then(undefined, onDestErrored);
    if (rs.state === "closed") onSourceClosed();
    else reader.closed.promise.then(() => { if (!shuttingDown) onSourceClosed(); }, NOOP);
    if (W.closeQueuedOrInFlight(ws) || ws.state === "closed") onDestClosed();

    function step() {
      if (shuttingDown) return;
      writer.ready.promise.then(() => {
        if (shuttingDown) return;
        S.readerRead(reader, {
          chunk: (chunk) => {
            currentWrite = handled(W.writerWrite(writer, chunk));
            step();
          },
          close: NOOP,
          error: NOOP,
        });
      }, NOOP);
    }
    step();
    return done.promise;
  }

  function pipeOptions(options) {
    if (options === undefined || options === null) return [false, false, false, undefined];
    if (typeof options !== "object") throw new TypeError("pipeTo: options must be an object");
    const signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignalCtor)) throw new TypeError("pipeTo: signal must be an AbortSignal");
    return [Boolean(options.preventClose), Boolean(options.preventAbort), Boolean(options.preventCancel), signal];
  }
  const RSProto = globalThis.ReadableStream.prototype;
  define(RSProto, "pipeTo", function pipeTo_(destination, options) {
    if (!S.isReadableStream(this)) return rejected(new TypeError("pipeTo: this is not a ReadableStream"));
    if (!W.isWritableStream(destination)) return rejected(new TypeError("pipeTo: the destination is not a WritableStream"));
    let opts;
    try {
      opts = pipeOptions(options);
    } catch (e) {
      return rejected(e);
    }
    if (S.isLocked(S.slotOf(this))) return rejected(new TypeError(S.LOCKED));
    if (W.isLocked(W.slotOf(destination))) return rejected(new TypeError(W.LOCKED));
    return pipeTo(this, destination, ...opts);
  });
  define(RSProto, "pipeThrough", function pipeThrough(transform, options) {
    if (!S.isReadableStream(this)) throw new TypeError("pipeThrough: this is not a ReadableStream");
    if (transform === null || typeof transform !== "object") throw new TypeError("pipeThrough: the transform must be an object");
    const readable = transform.readable;
    const writable = transform.writable;
    if (!S.isReadableStream(readable)) throw new TypeError("pipeThrough: transform.readable is not a ReadableStream");
    if (!W.isWritableStream(writable)) throw new TypeError("pipeThrough: transform.writable is not a WritableStream");
    const opts = pipeOptions(options);
    if (S.isLocked(S.slotOf(this))) throw new TypeError(S.LOCKED);
    if (W.isLocked(W.slotOf(writable))) throw new TypeError(W.LOCKED);
    handled(pipeTo(this, writable, ...opts));
    return readable;
  });

  define(globalThis, "TransformStream", TransformStream);
  define(globalThis, "TransformStreamDefaultController", TransformStreamDefaultController);
})
