// Headers, Request, Response, and the runtime's hooks to build and take them apart cheaply.
// Bodies are kept as given (a string, or a Uint8Array copy of binary input) and converted only
// when read, so a text body never round-trips through bytes. Streams are out of scope: `body` is
// a minimal one-chunk stand-in for a ReadableStream (getReader().read() yields the whole body as
// one Uint8Array, then done).
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const EventTargetCtor = globalThis.EventTarget;
  const EventCtor = globalThis.Event;
  const AbortCtl = globalThis.AbortController;
  const utf8Encode = internal.utf8Encode;
  const utf8Decode = internal.utf8Decode;
  const bytesOf = internal.bytesOf;

  // ---- Headers
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  const BAD_VALUE = /[\0\r\n]/;

  function checkName(name) {
    const n = String(name);
    if (!TOKEN.test(n)) throw new TypeError("Invalid header name: " + JSON.stringify(n));
    return n.toLowerCase();
  }
  function checkValue(value) {
    const v = String(value).replace(EDGE_WHITESPACE, "");
    if (BAD_VALUE.test(v)) throw new TypeError("Invalid header value: " + JSON.stringify(v));
    return v;
  }

  class Headers {
    /** lowercased name -> combined value; set-cookie lives in #cookies, one entry each. */
    #map = new Map();
    #cookies = null;
    #immutable = false;
    #sorted = null;
    constructor(init) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        for (const [k, v] of init.#map) this.#map.set(k, v);
        if (init.#cookies !== null) this.#cookies = init.#cookies.slice();
        return;
      }
      if (typeof init !== "object" && typeof init !== "function") {
        throw new TypeError("Headers: init must be a Headers, an array of pairs or a record");
      }
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const p = typeof pair === "string" ? null : Array.from(pair);
          if (p === null || p.length !== 2) throw new TypeError("Headers: each header must be a [name, value] pair");
          this.append(p[0], p[1]);
        }
      } else {
        for (const k of Object.keys(init)) this.append(k, init[k]);
      }
    }
    #check() {
      if (this.#immutable) throw new TypeError("Can't modify immutable headers.");
      this.#sorted = null;
    }
    append(name, value) {
      const k = checkName(name);
      const v = checkValue(value);
      this.#check();
      this.#add(k, v);
    }
    #add(k, v) {
      if (k === "set-cookie") {
        if (this.#cookies === null) this.#cookies = [v];
        else this.#cookies.push(v);
        return;
      }
      const old = this.#map.get(k);
      this.#map.set(k, old === undefined ? v : old + ", " + v);
    }
    set(name, value) {
      const k = checkName(name);
      const v = checkValue(value);
      this.#check();
      if (k === "set-cookie") this.#cookies = [v];
      else this.#map.set(k, v);
    }
    get(name) {
      const k = checkName(name);
      if (k === "set-cookie") return this.#cookies === null ? null : this.#cookies.join(", ");
      const v = this.#map.get(k);
      return v === undefined ? null : v;
    }
    has(name) {
      const k = checkName(name);
      return k === "set-cookie" ? this.#cookies !== null : this.#map.has(k);
    }
    delete(name) {
      const k = checkName(name);
      this.#check();
      if (k === "set-cookie") this.#cookies = null;
      else this.#map.delete(k);
    }
    getSetCookie() { return this.#cookies === null ? [] : this.#cookies.slice(); }
    getAll(name) {
      if (checkName(name) !== "set-cookie") throw new TypeError("getAll() can only be used with the header name \"set-cookie\".");
      return this.getSetCookie();
    }
    #entries() {
      if (this.#sorted !== null) return this.#sorted;
      const names = Array.from(this.#map.keys());
      if (this.#cookies !== null) names.push("set-cookie");
      names.sort();
      const out = [];
      for (const n of names) {
        if (n === "set-cookie") for (const c of this.#cookies) out.push([n, c]);
        else out.push([n, this.#map.get(n)]);
      }
      return (this.#sorted = out);
    }
    *entries() { for (const [k, v] of this.#entries()) yield [k, v]; }
    *keys() { for (const e of this.#entries()) yield e[0]; }
    *values() { for (const e of this.#entries()) yield e[1]; }
    [Symbol.iterator]() { return this.entries(); }
    forEach(callback, thisArg) {
      for (const [k, v] of this.#entries()) callback.call(thisArg, v, k, this);
    }
    get [Symbol.toStringTag]() { return "Headers"; }
    static {
      /** From a trusted flat [name, value, ...] array: no validation, names lowercased. */
      Headers.fromFlat = (flat) => {
        const h = new Headers();
        for (let i = 0; i + 1 < flat.length; i += 2) h.#add(String(flat[i]).toLowerCase(), String(flat[i + 1]));
        return h;
      };
      Headers.toFlat = (h) => {
        const out = [];
        for (const [k, v] of h.#map) out.push(k, v);
        if (h.#cookies !== null) for (const c of h.#cookies) out.push("set-cookie", c);
        return out;
      };
      Headers.freeze = (h) => { h.#immutable = true; return h; };
      /** Sets a header without validation (trusted name and value). */
      Headers.put = (h, k, v) => { h.#sorted = null; h.#map.set(k, v); };
      Headers.hasContentType = (h) => h.#map.has("content-type");
    }
  }
  const { fromFlat, toFlat, freeze, put, hasContentType } = Headers;
  for (const k of ["fromFlat", "toFlat", "freeze", "put", "hasContentType"]) delete Headers[k];

  // ---- bodies
  /** Turns a user-supplied body into [data (string | Uint8Array | null), default content type | null]. */
  function extract(body) {
    if (body === null || body === undefined) return [null, null];
    if (typeof body === "string") return [body, "text/plain;charset=UTF-8"];
    if (body instanceof ArrayBuffer) return [new Uint8Array(body.slice(0)), null];
    if (ArrayBuffer.isView(body)) return [new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice(), null];
    if (typeof URLSearchParams === "function" && body instanceof URLSearchParams) {
      return [body.toString(), "application/x-www-form-urlencoded;charset=UTF-8"];
    }
    if (body instanceof BodyStream) return [takeStream(body), null];
    return [String(body), "text/plain;charset=UTF-8"];
  }

  function usedError() {
    return new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
  }

  /** A one-chunk stand-in for ReadableStream (streams are not implemented). */
  class BodyStream {
    #owner;
    #locked = false;
    constructor(owner) { this.#owner = owner; }
    get locked() { return this.#locked; }
    getReader() {
      if (this.#locked) throw new TypeError("This ReadableStream is currently locked to a reader.");
      this.#locked = true;
      const owner = this.#owner;
      let done = false;
      return {
        read() {
          if (done) return Promise.resolve({ value: undefined, done: true });
          done = true;
          const data = takeData(owner, true);
          if (data === null) return Promise.resolve({ value: undefined, done: true });
          return Promise.resolve({ value: typeof data === "string" ? utf8Encode(data) : data.slice(), done: false });
        },
        cancel() { done = true; return Promise.resolve(); },
        releaseLock() {},
        get closed() { return Promise.resolve(); },
      };
    }
    cancel() { return Promise.resolve(); }
    async *[Symbol.asyncIterator]() {
      const reader = this.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    }
    get [Symbol.toStringTag]() { return "ReadableStream"; }
    static {
      BodyStream.take = (s) => {
        if (s.#locked) throw new TypeError("This ReadableStream is currently locked to a reader.");
        s.#locked = true;
        return takeData(s.#owner, true);
      };
    }
  }
  const takeStream = BodyStream.take;
  delete BodyStream.take;

  /** What Request and Response share: headers and a body read at most once. */
  class Body {
    #data;
    #used = false;
    #stream = null;
    #headers;
    constructor(data, headers) {
      this.#data = data;
      this.#headers = headers;
    }
    get headers() { return this.#headers; }
    get bodyUsed() { return this.#used; }
    get body() {
      if (this.#data === null && !this.#used) return null;
      if (this.#stream === null) this.#stream = new BodyStream(this);
      return this.#stream;
    }
    text() {
      try { return Promise.resolve(asText(takeData(this))); } catch (e) { return Promise.reject(e); }
    }
    json() {
      try { return Promise.resolve(JSON.parse(asText(takeData(this)))); } catch (e) { return Promise.reject(e); }
    }
    arrayBuffer() {
      try { return Promise.resolve(asBytes(takeData(this)).buffer); } catch (e) { return Promise.reject(e); }
    }
    bytes() {
      try { return Promise.resolve(asBytes(takeData(this))); } catch (e) { return Promise.reject(e); }
    }
    static {
      /** The body's data, marking it used; TypeError when used before. A null body may be read again. */
      Body.take = (b, viaStream) => {
        if (b.#used || (!viaStream && b.#stream !== null && b.#stream.locked)) throw usedError();
        const d = b.#data;
        if (d !== null) {
          b.#used = true;
          b.#data = null;
        }
        return d;
      };
      /** The data without consuming it (for clone and the runtime hooks); TypeError if used. */
      Body.peek = (b) => {
        if (b.#used || (b.#stream !== null && b.#stream.locked)) throw usedError();
        return b.#data;
      };
    }
  }
  const takeData = Body.take;
  const peekData = Body.peek;
  delete Body.take;
  delete Body.peek;

  function asText(d) {
    if (d === null) return "";
    return typeof d === "string" ? d : utf8Decode(d);
  }
  /** A fresh Uint8Array the caller may keep (stored data stays private and unchanged). */
  function asBytes(d) {
    if (d === null) return new Uint8Array(0);
    return typeof d === "string" ? utf8Encode(d) : d.slice();
  }

  // ---- Request
  const INTERNAL = Symbol("internal");
  const NORMALIZED_METHODS = { DELETE: "DELETE", GET: "GET", HEAD: "HEAD", OPTIONS: "OPTIONS", POST: "POST", PUT: "PUT", PATCH: "PATCH" };
  const FORBIDDEN_METHODS = { CONNECT: true, TRACE: true, TRACK: true };
  const REDIRECTS = { follow: true, manual: true, error: true };

  function normalizeMethod(m) {
    const s = String(m);
    const upper = s.toUpperCase();
    if (NORMALIZED_METHODS[upper]) return upper;
    if (!TOKEN.test(s)) throw new TypeError("Invalid HTTP method: " + JSON.stringify(s));
    if (FORBIDDEN_METHODS[upper]) throw new TypeError("Forbidden HTTP method: " + s);
    return s;
  }
  function parseUrl(u) {
    const s = String(u);
    const URLCtor = globalThis.URL;
    if (typeof URLCtor !== "function") return s;
    try {
      return new URLCtor(s).href;
    } catch (e) {
      throw new TypeError("Invalid URL: " + s);
    }
  }

  class Request extends Body {
    #method;
    #url;
    #redirect;
    #signal;
    constructor(input, init) {
      if (input === INTERNAL) {
        // internal.makeRequest: init is [method, url, headers, data].
        super(init[3], init[2]);
        this.#method = init[0];
        this.#url = init[1];
        this.#redirect = "follow";
        this.#signal = null;
        return;
      }
      if (arguments.length === 0) throw new TypeError("Request: the input argument is required");
      if (init === undefined || init === null) init = {};
      else if (typeof init !== "object") throw new TypeError("Request: init must be an object");
      const from = input instanceof Request ? input : null;
      const method = init.method !== undefined ? normalizeMethod(init.method) : from ? from.method : "GET";
      const headers = init.headers !== undefined ? new Headers(init.headers) : new Headers(from ? from.headers : undefined);
      let data = null;
      let contentType = null;
      let inherit = false;
      if (init.body !== undefined && init.body !== null) [data, contentType] = extract(init.body);
      else if (init.body === undefined && from !== null) inherit = peekData(from) !== null;
      if ((data !== null || inherit) && (method === "GET" || method === "HEAD")) {
        throw new TypeError("Request with a GET or HEAD method cannot have a body.");
      }
      // A body taken from the input request moves: the input counts as used afterwards.
      if (inherit) data = takeData(from);
      if (contentType !== null && !hasContentType(headers)) put(headers, "content-type", contentType);
      super(data, headers);
      this.#method = method;
      this.#url = from ? from.url : parseUrl(input);
      const redirect = init.redirect !== undefined ? String(init.redirect) : from ? from.redirect : "follow";
      if (!REDIRECTS[redirect]) throw new TypeError("Request: redirect must be follow, manual or error");
      this.#redirect = redirect;
      const signal = init.signal !== undefined ? init.signal : from ? from.signal : null;
      if (signal !== null && !(signal instanceof AbortSignal)) throw new TypeError("Request: signal must be an AbortSignal");
      this.#signal = signal;
    }
    get method() { return this.#method; }
    get url() { return this.#url; }
    get redirect() { return this.#redirect; }
    get signal() {
      if (this.#signal === null) this.#signal = new AbortCtl().signal;
      return this.#signal;
    }
    get cf() { return undefined; }
    get integrity() { return ""; }
    get keepalive() { return false; }
    clone() {
      const r = new Request(INTERNAL, [this.#method, this.#url, new Headers(this.headers), peekData(this)]);
      r.#redirect = this.#redirect;
      r.#signal = this.#signal;
      return r;
    }
    get [Symbol.toStringTag]() { return "Request"; }
    static {
      // The signal the request was given, or null (the getter would make one for nothing).
      Request.signalOf = (r) => r.#signal;
    }
  }
  const signalOf = Request.signalOf;
  delete Request.signalOf;

  // ---- Response
  const NULL_BODY_STATUSES = { 101: true, 204: true, 205: true, 304: true };
  const REDIRECT_STATUSES = { 301: true, 302: true, 303: true, 307: true, 308: true };

  class Response extends Body {
    #status;
    #statusText;
    #type = "default";
    constructor(body = null, init) {
      if (body === INTERNAL) {
        // internal.makeResponse and the static factories: init is [status, statusText, headers, data].
        super(init[3], init[2]);
        this.#status = init[0];
        this.#statusText = init[1];
        return;
      }
      if (init === undefined || init === null) init = {};
      else if (typeof init !== "object") throw new TypeError("Response: init must be an object");
      const status = init.status === undefined ? 200 : Number(init.status);
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        throw new RangeError("Response: status must be in the range 200 to 599, got " + init.status);
      }
      const statusText = init.statusText === undefined ? "" : String(init.statusText);
      if (/[\r\n]/.test(statusText)) throw new TypeError("Response: invalid statusText");
      const headers = new Headers(init.headers);
      const [data, contentType] = extract(body);
      if (data !== null && NULL_BODY_STATUSES[status]) {
        throw new TypeError("Response with null body status " + status + " cannot have a body.");
      }
      if (contentType !== null && !hasContentType(headers)) put(headers, "content-type", contentType);
      super(data, headers);
      this.#status = status;
      this.#statusText = statusText;
    }
    get status() { return this.#status; }
    get statusText() { return this.#statusText; }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get redirected() { return false; }
    get url() { return ""; }
    get type() { return this.#type; }
    get webSocket() { return null; }
    get cf() { return undefined; }
    clone() {
      const r = new Response(INTERNAL, [this.#status, this.#statusText, new Headers(this.headers), peekData(this)]);
      r.#type = this.#type;
      return r;
    }
    static json(data, init) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Response.json: the data is not JSON-serializable");
      if (init === undefined || init === null) {
        return new Response(INTERNAL, [200, "", fromFlat(["content-type", "application/json"]), text]);
      }
      const r = new Response(text, init);
      if (!init.headers || !new Headers(init.headers).has("content-type")) put(r.headers, "content-type", "application/json");
      return r;
    }
    static redirect(url, status = 302) {
      const s = Number(status);
      if (!REDIRECT_STATUSES[s]) throw new RangeError("Response.redirect: invalid redirect status " + status);
      return new Response(INTERNAL, [s, "", freeze(fromFlat(["location", parseUrl(url)])), null]);
    }
    static error() {
      const r = new Response(INTERNAL, [0, "", freeze(new Headers()), null]);
      r.#type = "error";
      return r;
    }
    get [Symbol.toStringTag]() { return "Response"; }
    static {
      Response.isResponse = (v) => v !== null && typeof v === "object" && #status in v;
    }
  }
  const isResponse = Response.isResponse;
  delete Response.isResponse;

  define(globalThis, "Headers", Headers);
  define(globalThis, "Request", Request);
  define(globalThis, "Response", Response);
  define(globalThis, "ReadableStream", BodyStream);
  internal.isPlatformObject = (v) => v instanceof Headers || v instanceof Body || v instanceof BodyStream
    || v instanceof EventTargetCtor || v instanceof EventCtor;

  /** A body for the host: string, Uint8Array or null (a Uint8Array the host only reads). */
  const partsBody = peekData;

  // ---- the runtime's hooks (trusted input, hot path)
  internal.makeRequest = (method, url, flatHeaders, body) =>
    new Request(INTERNAL, [method, url, fromFlat(flatHeaders), body === undefined ? null : body]);
  internal.requestParts = (request) => {
    if (!(request instanceof Request)) throw new TypeError("not a Request");
    return { method: request.method, url: request.url, headers: toFlat(request.headers), body: partsBody(request),
      redirect: request.redirect, signal: signalOf(request) };
  };
  internal.makeResponse = (status, statusText, flatHeaders, body) =>
    new Response(INTERNAL, [status, statusText === undefined || statusText === null ? "" : statusText,
      fromFlat(flatHeaders), body === undefined ? null : body]);
  internal.responseParts = (response) => {
    if (!isResponse(response)) throw new TypeError("not a Response");
    return { status: response.status, statusText: response.statusText, headers: toFlat(response.headers), body: partsBody(response) };
  };
})
