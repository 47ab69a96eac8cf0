// Capability bindings (kv, messaging, blob, http: docs/apps.md) and the `message` handler of
// subscriptions. Every binding call is one host call, rt.capability(op, binding, argsJson, body,
// resolve, reject) — or, for kv get, put and delete, rt.kv with the same arguments typed (kvCall) —
// journaled with its arguments, answered from the journal in replay. Arguments are JSON built here
// (or, for rt.kv, by the host exactly as here) with keys in a fixed order, so the same code makes
// byte-identical calls.
// Evaluated after runtime.js with (host, internal, rt, glue); registers on glue's hooks.
(function (host, internal, rt, glue) {
  "use strict";
  // After each host call: in replay, if that call diverged, hand the host the JS stack (see prelude).
  const afterHostCall = internal.afterHostCall;
  // Must match CapabilityException.RETRYABLE: a retryable error says "the same call may succeed later".
  const RETRYABLE = new Set(["capability_unavailable", "capability_timeout", "capability_no_responders",
    "capability_unlinked", "capability_overloaded"]);
  const decoder = new TextDecoder();
  const EMPTY = new Uint8Array(0);
  const NOTHING = () => undefined;
  const PAIR = (reply, body) => [reply, body];

  // Replies repeat: "{}" for every write, kv.get's found-without-metadata, small counts. JSON.parse
  // is a large part of a call's cost in the engine, so short replies are parsed once and shared.
  // The glue only reads replies (what reaches user code is built from them), and they are frozen
  // so that a mistake there throws instead of changing a reply shared by other calls.
  const REPLY_CACHE_CHARS_MAX = 96;
  const REPLY_CACHE_ENTRIES_MAX = 256;
  const replies = new Map();

  function deepFreeze(v) {
    if (v !== null && typeof v === "object") {
      for (const k of Object.keys(v)) deepFreeze(v[k]);
      Object.freeze(v);
    }
    return v;
  }

  function parseReply(json) {
    if (json.length > REPLY_CACHE_CHARS_MAX) return JSON.parse(json);
    let r = replies.get(json);
    if (r === undefined) {
      r = deepFreeze(JSON.parse(json));
      if (replies.size >= REPLY_CACHE_ENTRIES_MAX) replies.clear();
      replies.set(json, r);
    }
    return r;
  }

  // The host's two callbacks for one call. `map(reply, body)` makes the binding's answer (by default
  // [reply, body]) in the host's callback, without a second promise and turn after it; the body comes
  // as text when it is valid UTF-8, else as a Uint8Array (null: none).
  function answered(resolve, reject, map) {
    return (reply, textBody, bytes) => {
      try {
        resolve(map(parseReply(reply), textBody ?? bytes));
      } catch (e) {
        reject(e);
      }
    };
  }

  function failed(reject) {
    return (e) => {
      if (e && e.cairnCode) {
        e.code = e.cairnCode;
        e.retryable = RETRYABLE.has(e.cairnCode);
      }
      reject(e);
    };
  }

  function call(op, binding, args, body, map = PAIR) {
    let json;
    try {
      json = JSON.stringify(args);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      rt.capability(op, binding, json, body === undefined ? null : body, answered(resolve, reject, map), failed(reject));
      afterHostCall();
    });
  }

  // kv get, put and delete, the hottest calls, hand their arguments over typed instead of as JSON
  // (the host writes the journal's JSON exactly as call() would: CapabilityCall.kv). metadata is
  // null for get and delete, a string for put. Anything else — an expiry that is not a safe
  // integer (or is -0), metadata that JSON.stringify made undefined — takes call(), which journals
  // and refuses it exactly as before.
  function kvCall(op, binding, key, expiresAtMs, metadata, body, map) {
    if (!Number.isSafeInteger(expiresAtMs) || Object.is(expiresAtMs, -0) || (metadata !== null && typeof metadata !== "string")) {
      return call(op, binding, { key, expiresAtMs, metadata }, body, map);
    }
    return new Promise((resolve, reject) => {
      rt.kv(op, binding, key, expiresAtMs, metadata, body === undefined ? null : body, answered(resolve, reject, map), failed(reject));
      afterHostCall();
    });
  }

  function typeError(message) {
    return Promise.reject(new TypeError(message));
  }

  // ---- bodies: string (sent as UTF-8) or bytes; streams and Request/Response are read whole first
  async function bodyOf(value, what) {
    if (typeof value === "string") return value;
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return internal.bytesOf(value, what).slice();
    if (value instanceof Request || value instanceof Response) return new Uint8Array(await value.arrayBuffer());
    if (value instanceof ReadableStream) return new Uint8Array(await new Response(value).arrayBuffer());
    if (value === null || value === undefined) return "";
    throw new TypeError(what + ": expected a string, ArrayBuffer, typed array, ReadableStream, Request or Response");
  }

  // A reply body is a string (valid UTF-8), a Uint8Array, or null.
  function text(body) {
    if (body === null || body === undefined) return "";
    return typeof body === "string" ? body : decoder.decode(body);
  }

  function bytes(body) {
    if (body === null || body === undefined) return EMPTY;
    return typeof body === "string" ? internal.utf8Encode(body) : body;
  }

  function arrayBuffer(body) {
    const b = bytes(body);
    return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.slice().buffer;
  }

  function base64(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return btoa(s);
  }

  function unbase64(b64) {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  // ---- kv: Workers KV's shape, plus increment and compareAndSet
  const KV_TYPES = new Set(["text", "json", "arrayBuffer", "stream"]);

  function kvValue(body, type) {
    switch (type) {
      case "json": return JSON.parse(text(body));
      case "arrayBuffer": return arrayBuffer(body);
      case "stream": return new Response(bytes(body)).body;
      default: return text(body);
    }
  }

  function kvType(options) {
    const type = typeof options === "string" ? options : (options && options.type) || "text";
    if (!KV_TYPES.has(type)) throw new TypeError("KV get: type must be one of text, json, arrayBuffer, stream; got " + type);
    return type;
  }

  function expiresAtMs(options) {
    if (options.expiration !== undefined) {
      const s = Number(options.expiration);
      if (!Number.isFinite(s) || s <= 0) throw new TypeError("KV put: expiration must be seconds since the epoch");
      return Math.floor(s * 1000);
    }
    if (options.expirationTtl !== undefined) {
      const ttl = Number(options.expirationTtl);
      if (!Number.isFinite(ttl) || ttl <= 0) throw new TypeError("KV put: expirationTtl must be a positive number of seconds");
      return Date.now() + Math.floor(ttl * 1000);
    }
    return 0;
  }

  function metadataOf(options) {
    return options.metadata === undefined || options.metadata === null ? "" : JSON.stringify(options.metadata);
  }

  function kvBinding(name) {
    return Object.freeze({
      // Bad arguments are rejections, never synchronous throws, as from Workers KV.
      get(key, options) {
        try {
          const type = kvType(options);
          return kvCall("kv.get", name, String(key), 0, null, undefined, (r, body) => (r.found ? kvValue(body, type) : null));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      getWithMetadata(key, options) {
        try {
          const type = kvType(options);
          return kvCall("kv.get", name, String(key), 0, null, undefined, (r, body) => r.found
            ? { value: kvValue(body, type), metadata: r.metadata ? JSON.parse(r.metadata) : null, cacheStatus: null }
            : { value: null, metadata: null, cacheStatus: null });
        } catch (e) {
          return Promise.reject(e);
        }
      },
      put(key, value, options = {}) {
        // The arguments are read after the body, as the body may take time to read (expirationTtl counts from the write).
        const send = (body) => kvCall("kv.put", name, String(key), expiresAtMs(options), metadataOf(options), body, NOTHING);
        if (typeof value !== "string") return bodyOf(value, "KV put").then(send);
        try {
          return send(value); // text, the common case, goes out in this turn
        } catch (e) {
          return Promise.reject(e);
        }
      },
      delete(key) {
        try {
          return kvCall("kv.delete", name, String(key), 0, null, undefined, NOTHING);
        } catch (e) {
          return Promise.reject(e);
        }
      },
      list(options = {}) {
        const args = { prefix: String(options.prefix ?? ""), limit: options.limit ?? 1000, cursor: String(options.cursor ?? "") };
        if (!Number.isInteger(args.limit)) return typeError("KV list: limit must be a whole number");
        return call("kv.list", name, args).then(([r]) => {
          const keys = r.keys.map((k) => {
            const key = { name: k.name };
            if (k.expiresAtMs) key.expiration = Math.floor(k.expiresAtMs / 1000);
            if (k.metadata) key.metadata = JSON.parse(k.metadata);
            return key;
          });
          return r.complete ? { keys, list_complete: true, cacheStatus: null }
            : { keys, list_complete: false, cursor: r.cursor, cacheStatus: null };
        });
      },
      increment(key, delta = 1) {
        if (!Number.isSafeInteger(delta)) return typeError("KV increment: delta must be a safe integer");
        return call("kv.increment", name, { key: String(key), delta }).then(([r]) => r.value);
      },
      // Writes value only if the current value is `expected` (null: only if the key is absent).
      async compareAndSet(key, expected, value, options = {}) {
        const args = { key: String(key) };
        if (expected === null || expected === undefined) args.expected = null;
        else if (typeof expected === "string") args.expected = expected;
        else args.expectedBase64 = base64(internal.bytesOf(expected, "KV compareAndSet"));
        args.expiresAtMs = expiresAtMs(options);
        args.metadata = metadataOf(options);
        const [r] = await call("kv.cas", name, args, await bodyOf(value, "KV compareAndSet"));
        return r.written;
      },
    });
  }

  // ---- messaging: publish, request, and messages as handlers get them
  function encodeMessage(body, contentType) {
    const kind = contentType || (typeof body === "string" ? "text" : body instanceof ArrayBuffer || ArrayBuffer.isView(body) ? "bytes" : "json");
    switch (kind) {
      case "text": return ["text/plain;charset=utf-8", String(body)];
      case "bytes": return ["application/octet-stream", internal.bytesOf(body, "BUS publish").slice()];
      case "json": {
        const s = JSON.stringify(body);
        if (s === undefined) throw new TypeError("BUS publish: the body is not JSON-serializable");
        return ["application/json", s];
      }
      default: throw new TypeError("BUS publish: contentType must be text, bytes or json; got " + contentType);
    }
  }

  function headerPairs(contentType, headers) {
    const pairs = [["content-type", contentType]];
    if (headers) {
      for (const [k, v] of Object.entries(headers)) {
        const n = String(k).toLowerCase();
        if (n !== "content-type") pairs.push([n, String(v)]);
      }
    }
    return pairs;
  }

  // A body is decoded by its content type: JSON parsed, bytes as an ArrayBuffer, anything else text.
  function decodeMessageBody(headers, body) {
    const ct = (headers["content-type"] || "").toLowerCase();
    if (ct.startsWith("application/json")) return JSON.parse(text(body));
    if (ct.startsWith("application/octet-stream")) return arrayBuffer(typeof body === "string" ? body : body.slice());
    return text(body);
  }

  function received(subject, replyTo, pairs, body) {
    const headers = Object.fromEntries(pairs);
    const raw = body ?? EMPTY;
    return {
      subject,
      replyTo: replyTo || undefined,
      headers,
      body: decodeMessageBody(headers, raw),
      text() { return text(raw); },
      json() { return JSON.parse(text(raw)); },
      arrayBuffer() { return arrayBuffer(typeof raw === "string" ? raw : raw.slice()); },
    };
  }

  function busBinding(name) {
    return Object.freeze({
      async publish(subject, body, options = {}) {
        const [ct, data] = encodeMessage(body, options.contentType);
        await call("messaging.publish", name, { subject: String(subject), headers: headerPairs(ct, options.headers) }, data);
      },
      async request(subject, body, options = {}) {
        const [ct, data] = encodeMessage(body, options.contentType);
        const timeoutMs = options.timeout === undefined ? 0 : Number(options.timeout);
        if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw new TypeError("BUS request: timeout must be whole milliseconds");
        const [r, replyBody] = await call("messaging.request", name,
          { subject: String(subject), timeoutMs, headers: headerPairs(ct, options.headers) }, data);
        return received(r.subject, "", r.headers, replyBody);
      },
    });
  }

  // ---- blob: R2's shape
  function r2Object(r) {
    const object = {
      key: r.key,
      version: r.etag,
      size: r.size,
      etag: r.etag,
      httpEtag: '"' + r.etag + '"',
      uploaded: new Date(r.uploadedMs),
      httpMetadata: r.contentType ? { contentType: r.contentType } : {},
      customMetadata: Object.fromEntries(r.customMetadata),
      checksums: {},
      writeHttpMetadata(headers) {
        if (r.contentType) headers.set("content-type", r.contentType);
      },
    };
    return object;
  }

  function r2ObjectBody(r, body) {
    const response = new Response(body ?? EMPTY);
    const object = r2Object(r);
    Object.defineProperty(object, "body", { get: () => response.body, enumerable: true });
    Object.defineProperty(object, "bodyUsed", { get: () => response.bodyUsed, enumerable: true });
    object.text = () => response.text();
    object.json = () => response.json();
    object.arrayBuffer = () => response.arrayBuffer();
    object.bytes = () => response.bytes();
    return object;
  }

  function blobBinding(name) {
    return Object.freeze({
      async put(key, value, options = {}) {
        let contentType = (options.httpMetadata && options.httpMetadata.contentType) || "";
        if (!contentType && (value instanceof Request || value instanceof Response)) contentType = value.headers.get("content-type") || "";
        const body = await bodyOf(value, "FILES put");
        const customMetadata = Object.entries(options.customMetadata || {}).map(([k, v]) => [String(k), String(v)]);
        const [r] = await call("blob.put", name, { key: String(key), contentType: String(contentType), customMetadata }, body);
        return r2Object(r);
      },
      async get(key) {
        const [r, body] = await call("blob.get", name, { key: String(key) });
        return r.found ? r2ObjectBody(r, body) : null;
      },
      async head(key) {
        const [r] = await call("blob.head", name, { key: String(key) });
        return r.found ? r2Object(r) : null;
      },
      async delete(keys) {
        await call("blob.delete", name, { keys: Array.isArray(keys) ? keys.map(String) : [String(keys)] });
      },
      async list(options = {}) {
        const args = { prefix: String(options.prefix ?? ""), limit: options.limit ?? 1000, cursor: String(options.cursor ?? "") };
        if (!Number.isInteger(args.limit)) throw new TypeError("FILES list: limit must be a whole number");
        const [r] = await call("blob.list", name, args);
        const out = { objects: r.objects.map(r2Object), truncated: !r.complete, delimitedPrefixes: [] };
        if (!r.complete) out.cursor = r.cursor;
        return out;
      },
    });
  }

  // ---- http: fetch through the capability's own allow-list
  function pairs(flat) {
    const out = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
    return out;
  }

  function httpBinding(name) {
    return Object.freeze({
      fetch(input, init) {
        let parts;
        try {
          const req = (init === undefined && input instanceof Request) ? input : new Request(input, init);
          parts = internal.requestParts(req);
        } catch (e) {
          return Promise.reject(e);
        }
        return call("http.fetch", name, { method: parts.method, url: parts.url, headers: pairs(parts.headers) }, parts.body)
          .then(([r, body]) => internal.makeResponse(r.status, "", r.headers.flat(), body));
      },
    });
  }

  glue.registerBinding("kv", kvBinding);
  glue.registerBinding("messaging", busBinding);
  glue.registerBinding("blob", blobBinding);
  glue.registerBinding("http", httpBinding);

  // ---- the message handler: Workers Queues' batch shape
  // A message without a decision is acked when the handler succeeds; if the handler throws, the
  // whole batch is retried (decisions made before the throw are not kept).
  glue.invokeMessage = function (handler, env, invocation, batchJson, resolve, reject) {
    try {
      const input = JSON.parse(batchJson);
      const decisions = new Map();
      const retryDelay = (options) => {
        const d = options && options.delaySeconds !== undefined ? Number(options.delaySeconds) : 0;
        if (!Number.isFinite(d) || d < 0) throw new TypeError("retry: delaySeconds must be a number of seconds >= 0");
        return Math.floor(d);
      };
      const messages = input.messages.map((m) => {
        const body = m.bodyBase64 !== undefined ? unbase64(m.bodyBase64) : (m.body || "");
        const msg = received(m.subject, m.replyTo, m.headers, body);
        msg.id = m.id;
        msg.timestamp = new Date(m.timestamp);
        msg.attempts = m.attempts;
        msg.ack = () => { decisions.set(m.id, null); };
        msg.retry = (options) => { decisions.set(m.id, retryDelay(options)); };
        return Object.freeze(msg);
      });
      const batch = Object.freeze({
        queue: input.queue,
        messages: Object.freeze(messages),
        ackAll() { for (const m of input.messages) decisions.set(m.id, null); },
        retryAll(options) { const d = retryDelay(options); for (const m of input.messages) decisions.set(m.id, d); },
      });
      const ctx = glue.makeCtx(invocation);
      let result;
      if (glue.isEntrypointClass(handler)) {
        const instance = new handler(ctx, env);
        if (typeof instance.message !== "function") throw glue.noHandler("message");
        result = instance.message(batch);
      } else {
        if (handler === null || typeof handler !== "object" || typeof handler.message !== "function") throw glue.noHandler("message");
        result = handler.message(batch, env, ctx);
      }
      Promise.resolve(result).then(() => {
        const acks = [];
        const retries = [];
        for (const m of input.messages) {
          const d = decisions.get(m.id);
          if (d === undefined || d === null) acks.push(m.id);
          else retries.push({ id: m.id, delaySeconds: d });
        }
        resolve(JSON.stringify({ acks, retries }));
      }, reject);
    } catch (e) {
      reject(e);
    }
  };
})
