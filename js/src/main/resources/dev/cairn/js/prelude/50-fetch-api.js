// Headers, Request, Response, and the runtime's hooks to build and take them apart cheaply.
// Bodies (47-body.js) are kept as given (a string, or a Uint8Array copy of binary input) and
// converted only when read, so a text body never round-trips through bytes or a stream; a body
// that is a ReadableStream is read as one.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const EventTargetCtor = globalThis.EventTarget;
  const EventCtor = globalThis.Event;
  const AbortCtl = globalThis.AbortController;
  const TransformStreamCtor = globalThis.TransformStream;

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

  // ---- bodies (47-body.js)
  const { Body, extract, split, present, move, parts: bodyParts } = internal.body;
  const S = internal.streams;

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
      else if (init.body === undefined && from !== null) inherit = present(from);
      if ((data !== null || inherit) && (method === "GET" || method === "HEAD")) {
        throw new TypeError("Request with a GET or HEAD method cannot have a body.");
      }
      // A body taken from the input request moves: the input counts as used afterwards.
      if (inherit) data = move(from);
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
      const r = new Request(INTERNAL, [this.#method, this.#url, new Headers(this.headers), split(this)]);
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
      const r = new Response(INTERNAL, [this.#status, this.#statusText, new Headers(this.headers), split(this)]);
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
  internal.isPlatformObject = (v) => v instanceof Headers || v instanceof Body || S.isReadableStream(v)
    || S.writable.isWritableStream(v) || v instanceof TransformStreamCtor || v instanceof EventTargetCtor || v instanceof EventCtor;

  /**
   * The body for the host, as [data, stream]: data is a string, a Uint8Array the host only reads,
   * or null; stream is a ReadableStream the caller reads (then data is null), or null.
   */
  function partsBody(b) {
    const d = bodyParts(b);
    return internal.body.isStream(d) ? [null, d] : [d, null];
  }

  // ---- the runtime's hooks (trusted input, hot path)
  internal.makeRequest = (method, url, flatHeaders, body) =>
    new Request(INTERNAL, [method, url, fromFlat(flatHeaders), body === undefined ? null : body]);
  internal.requestParts = (request) => {
    if (!(request instanceof Request)) throw new TypeError("not a Request");
    const [body, stream] = partsBody(request);
    return { method: request.method, url: request.url, headers: toFlat(request.headers), body, stream,
      redirect: request.redirect, signal: signalOf(request) };
  };
  internal.makeResponse = (status, statusText, flatHeaders, body) =>
    new Response(INTERNAL, [status, statusText === undefined || statusText === null ? "" : statusText,
      fromFlat(flatHeaders), body === undefined ? null : body]);
  internal.responseParts = (response) => {
    if (!isResponse(response)) throw new TypeError("not a Response");
    const [body, stream] = partsBody(response);
    return { status: response.status, statusText: response.statusText, headers: toFlat(response.headers), body, stream };
  };
})
