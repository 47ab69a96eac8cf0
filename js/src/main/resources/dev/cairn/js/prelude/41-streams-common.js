// What the WHATWG Streams classes share: promise helpers, queuing strategies, and the queue with
// sizes behind ReadableStream and WritableStream. Exposed to the other streams files (and to the
// fetch API) as `internal.streams`; user code sees only ByteLengthQueuingStrategy and
// CountQueuingStrategy from here.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  // ---- promises as the spec uses them: settled from outside, "marked as handled" on demand
  function deferred() {
    const d = { promise: null, resolve: null, reject: null, settled: false };
    d.promise = new Promise((resolve, reject) => {
      d.resolve = (v) => { if (!d.settled) { d.settled = true; resolve(v); } };
      d.reject = (e) => { if (!d.settled) { d.settled = true; reject(e); } };
    });
    return d;
  }
  const NOOP = () => {};
  /** A rejected promise nobody needs to observe (the spec's "set [[PromiseIsHandled]] to true"). */
  function handled(promise) {
    promise.then(undefined, NOOP);
    return promise;
  }
  function rejected(e) {
    return Promise.reject(e);
  }
  const RESOLVED = Promise.resolve();
  /** Calls `method` of `obj` (if any) with args and always returns a promise, as the spec's "promise call". */
  function promiseCall(method, obj, args) {
    if (method === undefined) return RESOLVED;
    try {
      return Promise.resolve(method.apply(obj, args));
    } catch (e) {
      return rejected(e);
    }
  }
  /** The method named `name` of a user dictionary, or undefined; TypeError when it is there but not callable. */
  function methodOf(dict, name, what) {
    if (dict === undefined || dict === null) return undefined;
    const m = dict[name];
    if (m === undefined || m === null) return undefined;
    if (typeof m !== "function") throw new TypeError(what + ": " + name + " must be a function");
    return m;
  }
  function dictionary(value, what) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" && typeof value !== "function") throw new TypeError(what + " must be an object");
    return value;
  }

  /** A brand check: `slotIf(v)` is v's state or undefined; the result throws a TypeError for undefined. */
  function checkedSlot(slotIf, className) {
    return (v, what) => {
      const s = slotIf(v);
      if (s === undefined) throw new TypeError((what || className) + ": the argument is not a " + className);
      return s;
    };
  }

  // ---- queuing strategies
  function extractHighWaterMark(strategy, defaultHwm) {
    if (strategy === undefined || strategy.highWaterMark === undefined) return defaultHwm;
    const hwm = Number(strategy.highWaterMark);
    if (Number.isNaN(hwm) || hwm < 0) throw new RangeError("Invalid highWaterMark: " + strategy.highWaterMark);
    return hwm;
  }
  const COUNT_ONE = () => 1;
  function extractSizeAlgorithm(strategy) {
    if (strategy === undefined || strategy.size === undefined) return COUNT_ONE;
    const size = strategy.size;
    if (typeof size !== "function") throw new TypeError("The queuing strategy's size must be a function");
    return (chunk) => size(chunk);
  }
  function strategyInit(init, what) {
    if (init === null || typeof init !== "object") {
      throw new TypeError("Failed to construct '" + what + "': the init argument must be an object with a highWaterMark");
    }
    if (init.highWaterMark === undefined) {
      throw new TypeError("Failed to construct '" + what + "': required member highWaterMark is undefined.");
    }
    return Number(init.highWaterMark);
  }
  /** A strategy class: highWaterMark from its init, and one `size` function shared by every instance (as in the spec). */
  function strategyClass(name, size) {
    const Strategy = class {
      #hwm;
      constructor(init) { this.#hwm = strategyInit(init, name); }
      get highWaterMark() { return this.#hwm; }
      get size() { return size; }
      get [Symbol.toStringTag]() { return name; }
    };
    Object.defineProperty(Strategy, "name", { value: name });
    return Strategy;
  }
  const ByteLengthQueuingStrategy = strategyClass("ByteLengthQueuingStrategy", function size(chunk) { return chunk.byteLength; });
  const CountQueuingStrategy = strategyClass("CountQueuingStrategy", function size() { return 1; });

  // ---- the queue with sizes (spec "queue-with-sizes"): an array with a moving head
  class SizedQueue {
    constructor() { this.items = []; this.sizes = []; this.head = 0; this.totalSize = 0; }
    get length() { return this.items.length - this.head; }
    enqueue(value, size) {
      const s = Number(size);
      if (!(s >= 0) || s === Infinity) throw new RangeError("The queuing strategy's size must be a finite, non-negative number, got " + size);
      this.items.push(value);
      this.sizes.push(s);
      this.totalSize += s;
    }
    peek() { return this.items[this.head]; }
    /** Puts a value back in front (a chunk read only in part). */
    unshift(value, size) {
      if (this.head > 0) {
        this.head--;
        this.items[this.head] = value;
        this.sizes[this.head] = size;
      } else {
        this.items.unshift(value);
        this.sizes.unshift(size);
      }
      this.totalSize += size;
    }
    dequeue() {
      const value = this.items[this.head];
      this.totalSize -= this.sizes[this.head];
      if (this.totalSize < 0) this.totalSize = 0; // rounding errors
      this.items[this.head] = undefined;
      this.head++;
      if (this.head > 64 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.sizes = this.sizes.slice(this.head);
        this.head = 0;
      }
      return value;
    }
    reset() { this.items = []; this.sizes = []; this.head = 0; this.totalSize = 0; }
  }

  /** A Uint8Array over a chunk's bytes (ArrayBuffer or any view), or null when it is not bytes. */
  function chunkBytes(chunk) {
    if (chunk instanceof Uint8Array) return chunk;
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return null;
  }
  function concatBytes(parts, total) {
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  internal.streams = {
    deferred, handled, rejected, RESOLVED, NOOP, promiseCall, methodOf, dictionary, checkedSlot,
    extractHighWaterMark, extractSizeAlgorithm, SizedQueue, chunkBytes, concatBytes,
  };
  define(globalThis, "ByteLengthQueuingStrategy", ByteLengthQueuingStrategy);
  define(globalThis, "CountQueuingStrategy", CountQueuingStrategy);
})
