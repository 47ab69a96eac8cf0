// The Body of Request and Response (the Fetch standard's Body mixin), on streams.
//
// A body given as a string or bytes stays that until something needs a stream: text(), json(),
// arrayBuffer() and bytes() read it directly, and the runtime hands it to the host as is. Only
// touching `.body` makes a ReadableStream for it (one chunk). A body that is a stream — given by
// the handler, a tee branch, or a request body still arriving — is read chunk by chunk.
(function (host, internal) {
  "use strict";
  const S = internal.streams;
  const utf8Encode = internal.utf8Encode;
  const utf8Decode = internal.utf8Decode;
  const NOT_BYTES = "This ReadableStream did not return bytes.";

  /** Turns a user-supplied body into [data (string | Uint8Array | ReadableStream | null), default content type | null]. */
  function extract(body) {
    if (body === null || body === undefined) return [null, null];
    if (typeof body === "string") return [body, "text/plain;charset=UTF-8"];
    if (body instanceof ArrayBuffer) return [new Uint8Array(body.slice(0)), null];
    if (ArrayBuffer.isView(body)) return [new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice(), null];
    if (typeof URLSearchParams === "function" && body instanceof URLSearchParams) {
      return [body.toString(), "application/x-www-form-urlencoded;charset=UTF-8"];
    }
    if (S.isReadableStream(body)) {
      checkUsable(body);
      return [body, null];
    }
    return [String(body), "text/plain;charset=UTF-8"];
  }

  function usedError() {
    return new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
  }
  const isStream = (d) => d !== null && typeof d === "object" && !(d instanceof Uint8Array);

  /**
   * Reads a stream to its end: one Uint8Array of all its chunks (a copy). Chunks queued already are
   * taken in a loop, not one promise each. A chunk that is not bytes, or more than `bytesMax` bytes
   * in all (when given), cancel the stream and reject.
   */
  function readAll(stream, bytesMax) {
    const r = S.acquireReader(stream);
    const parts = [];
    let total = 0;
    const done = S.deferred();
    let waiting = false;
    const broken = (e) => {
      S.handled(S.streamCancel(r.stream, e));
      done.reject(e);
    };
    const request = {
      chunk(c) {
        const b = S.chunkBytes(c);
        if (b === null) return broken(new TypeError(NOT_BYTES));
        parts.push(b);
        total += b.length;
        if (bytesMax !== undefined && total > bytesMax) return broken(tooLarge(total, bytesMax));
        if (waiting) pump();
      },
      close() { done.resolve(parts.length === 1 ? parts[0].slice() : S.concatBytes(parts, total)); },
      error(e) { done.reject(e); },
    };
    function pump() {
      while (!done.settled) {
        const before = parts.length;
        waiting = false;
        S.readerRead(r, request);
        if (parts.length === before) {
          waiting = true;
          return;
        }
      }
    }
    pump();
    return done.promise;
  }

  function tooLarge(size, max) {
    const e = new Error("response body of at least " + size + " bytes exceeds limits.bodyBytesMax = " + max);
    e.cairnCode = "response_too_large";
    return e;
  }

  /** What Request and Response share: headers and a body read at most once. */
  class Body {
    /** The body as given (string | Uint8Array | null) until a stream is made for it. */
    #data;
    /** The body's ReadableStream: given, or made when `.body` is touched. */
    #stream = null;
    /** True once the data was read without a stream. */
    #used = false;
    #headers;
    constructor(data, headers) {
      if (isStream(data)) {
        this.#stream = data;
        this.#data = null;
      } else {
        this.#data = data;
      }
      this.#headers = headers;
    }
    get headers() { return this.#headers; }
    get bodyUsed() { return this.#used || (this.#stream !== null && S.isDisturbed(this.#stream)); }
    get body() {
      if (this.#stream !== null) return this.#stream;
      const d = this.#data;
      if (d !== null) {
        this.#data = null;
        this.#stream = S.fromData(typeof d === "string" ? utf8Encode(d) : d, d);
      } else if (this.#used) {
        this.#stream = S.usedStream();
      } else {
        return null;
      }
      return this.#stream;
    }
    text() {
      let d;
      try { d = take(this); } catch (e) { return Promise.reject(e); }
      return d instanceof Promise ? d.then(utf8Decode) : Promise.resolve(asText(d));
    }
    json() {
      return this.text().then(JSON.parse);
    }
    arrayBuffer() {
      return this.bytes().then((b) => b.buffer);
    }
    bytes() {
      let d;
      try { d = take(this); } catch (e) { return Promise.reject(e); }
      return d instanceof Promise ? d : Promise.resolve(asBytes(d));
    }
    static {
      /**
       * Consumes the body: its data (string | Uint8Array | null) when there is no stream or the
       * stream is an untouched one over data, else a promise of all the stream's bytes.
       * TypeError when it was used before or its stream is locked.
       */
      Body.take = (b) => {
        if (b.#stream === null) {
          if (b.#used) throw usedError();
          const d = b.#data;
          if (d !== null) {
            b.#used = true;
            b.#data = null;
          }
          return d;
        }
        const s = b.#stream;
        checkUsable(s);
        const d = S.takeData(s);
        return d !== null ? d : readAll(s);
      };
      /**
       * The body for a copy (clone): the data itself, or one branch of a tee whose other branch
       * becomes this body's stream. TypeError if used.
       */
      Body.split = (b) => {
        if (b.#stream === null) {
          if (b.#used) throw usedError();
          return b.#data;
        }
        checkUsable(b.#stream);
        const [mine, theirs] = b.#stream.tee();
        b.#stream = mine;
        return theirs;
      };
      /** True when the body is not null (used or not). */
      Body.present = (b) => b.#stream !== null || b.#data !== null || b.#used;
      /** The body moved to a new Request made from this one: this one counts as used. TypeError if used. */
      Body.move = (b) => {
        if (b.#stream === null) return take(b);
        const s = b.#stream;
        checkUsable(s);
        b.#stream = null;
        b.#used = true;
        return s;
      };
      /**
       * The body for the host: its data (string | Uint8Array | null, not consumed), or a stream the
       * caller will read. An untouched stream over data gives its data. TypeError if used.
       */
      Body.parts = (b) => {
        if (b.#stream === null) {
          if (b.#used) throw usedError();
          return b.#data;
        }
        const s = b.#stream;
        checkUsable(s);
        const d = S.takeData(s);
        return d !== null ? d : s;
      };
    }
  }
  /** A stream body can be consumed when it was neither read from (used) nor is locked to a reader. */
  function checkUsable(stream) {
    if (S.isDisturbed(stream)) throw usedError();
    if (S.isLocked(S.slotOf(stream))) throw new TypeError(S.LOCKED);
  }
  const take = Body.take;
  const split = Body.split;
  const present = Body.present;
  const parts = Body.parts;
  const move = Body.move;
  for (const k of ["take", "split", "present", "parts", "move"]) delete Body[k];

  function asText(d) {
    if (d === null) return "";
    return typeof d === "string" ? d : utf8Decode(d);
  }
  /** A fresh Uint8Array the caller may keep (stored data stays private and unchanged). */
  function asBytes(d) {
    if (d === null) return new Uint8Array(0);
    return typeof d === "string" ? utf8Encode(d) : d.slice();
  }

  // ---- bodies that cross to the host as streams (used by the runtime glue)
  /**
   * A request body still arriving: a byte stream whose every pull is one `read(resolve, reject)`
   * (resolve gets a Uint8Array, or null at the end). highWaterMark 0: nothing is read before the
   * handler asks, so a body the handler ignores is never read.
   */
  function hostStream(read) {
    let c;
    return S.create((ctl) => { c = ctl; }, () => new Promise((resolve, reject) => {
      read((chunk) => {
        if (chunk === null) S.close(c);
        else S.enqueue(c, chunk);
        resolve();
      }, reject);
    }), () => S.RESOLVED, 0, undefined, true);
  }

  /** Bytes taken together into one write when they are already queued. */
  const PUMP_BYTES_MAX = 64 * 1024;
  /**
   * Sends a response body stream on: read a chunk (and whatever else is queued already), `write`
   * it, and read on only once the host took it, so the client's pace is the stream's pace. Ends with
   * done(), or fail(error) after cancelling the stream with that error.
   */
  function pump(stream, write, done, fail) {
    const r = S.acquireReader(stream);
    const broken = (e) => {
      if (r.stream !== undefined) S.handled(S.streamCancel(r.stream, e));
      fail(e);
    };
    const notBytes = () => broken(new TypeError(NOT_BYTES));
    function next() {
      const d = S.deferred();
      S.readerRead(r, S.readRequestFor(d));
      d.promise.then((result) => {
        if (result.done) {
          done();
          return;
        }
        const first = S.chunkBytes(result.value);
        if (first === null) return notBytes();
        const parts = [first];
        let total = first.length;
        while (total < PUMP_BYTES_MAX) {
          const more = S.readNow(r);
          if (more === S.NOTHING) break;
          const b = S.chunkBytes(more);
          if (b === null) return notBytes();
          parts.push(b);
          total += b.length;
        }
        if (total === 0) next();
        else write(S.concatBytes(parts, total), next, broken);
      }, fail).then(undefined, broken);
    }
    next();
  }

  internal.body = { Body, extract, take, split, present, move, parts, readAll, isStream, usedError, hostStream, pump };
})
