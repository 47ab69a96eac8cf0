// structuredClone, internal.serialize/deserialize (the same semantics as text, for JS RPC), crypto.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const DOMExc = globalThis.DOMException;
  const DateCtor = globalThis.Date;
  const toTag = Object.prototype.toString;
  const getTime = DateCtor.prototype.getTime;

  const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const TYPED_ARRAYS = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  if (typeof Float16Array === "function") TYPED_ARRAYS.Float16Array = Float16Array;
  const UNCLONEABLE_TAGS = new Set(["[object WeakMap]", "[object WeakSet]", "[object Promise]", "[object WeakRef]",
    "[object Symbol]", "[object Generator]", "[object AsyncGenerator]", "[object SharedArrayBuffer]"]);

  function dataCloneError(what) {
    return new DOMExc(what + " could not be cloned.", "DataCloneError");
  }

  /** Assigns a key, treating "__proto__" as data rather than the prototype setter. */
  function put(obj, k, v) {
    if (k === "__proto__") Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
    else obj[k] = v;
  }

  /** Which kind of object v is, for cloning; throws DataCloneError for what cannot be cloned. */
  function kindOf(v) {
    if (Array.isArray(v)) return "array";
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return "object";
    const tag = toTag.call(v);
    switch (tag) {
      case "[object Date]": return "date";
      case "[object RegExp]": return "regexp";
      case "[object Map]": return "map";
      case "[object Set]": return "set";
      case "[object ArrayBuffer]": return "buffer";
      case "[object DataView]": return "view";
      case "[object Error]": return "error";
      case "[object Boolean]": return "boolean";
      case "[object Number]": return "number";
      case "[object String]": return "string";
      case "[object BigInt]": return "bigint";
    }
    if (ArrayBuffer.isView(v)) return "view";
    if (v instanceof DOMExc) return "domexception";
    if (UNCLONEABLE_TAGS.has(tag)) throw dataCloneError(tag.slice(8, -1) + " object");
    if (internal.isPlatformObject && internal.isPlatformObject(v)) throw dataCloneError(tag.slice(8, -1));
    return "object";
  }
  function errorName(e) {
    const n = e.name;
    return typeof n === "string" && Object.prototype.hasOwnProperty.call(ERROR_TYPES, n) ? n : "Error";
  }
  function viewCtorName(v) {
    if (v instanceof DataView) return "DataView";
    for (const name in TYPED_ARRAYS) if (v instanceof TYPED_ARRAYS[name]) return name;
    throw dataCloneError("view");
  }
  function makeError(name, message, stack, hasMessage) {
    const e = hasMessage ? new ERROR_TYPES[name](message) : new ERROR_TYPES[name]();
    if (typeof stack === "string") define(e, "stack", stack);
    return e;
  }

  // ---- structuredClone
  function clone(v, memory) {
    const t = typeof v;
    if (t === "function") throw dataCloneError("function " + (v.name || "(anonymous)"));
    if (t === "symbol") throw dataCloneError(v.toString());
    if (v === null || t !== "object") return v;
    const seen = memory.get(v);
    if (seen !== undefined) return seen;
    let out;
    switch (kindOf(v)) {
      case "array":
        out = new Array(v.length);
        memory.set(v, out);
        for (const k of Object.keys(v)) put(out, k, clone(v[k], memory));
        return out;
      case "object":
        out = {};
        memory.set(v, out);
        for (const k of Object.keys(v)) put(out, k, clone(v[k], memory));
        return out;
      case "date": out = new DateCtor(getTime.call(v)); break;
      case "regexp": out = new RegExp(v.source, v.flags); break;
      case "boolean": out = Object(Boolean.prototype.valueOf.call(v)); break;
      case "number": out = Object(Number.prototype.valueOf.call(v)); break;
      case "string": out = Object(String.prototype.valueOf.call(v)); break;
      case "bigint": out = Object(BigInt.prototype.valueOf.call(v)); break;
      case "buffer": out = v.slice(0); break;
      case "view": {
        const buffer = clone(v.buffer, memory);
        const name = viewCtorName(v);
        out = name === "DataView" ? new DataView(buffer, v.byteOffset, v.byteLength)
          : new TYPED_ARRAYS[name](buffer, v.byteOffset, v.length);
        break;
      }
      case "map":
        out = new Map();
        memory.set(v, out);
        for (const [k, val] of v) out.set(clone(k, memory), clone(val, memory));
        return out;
      case "set":
        out = new Set();
        memory.set(v, out);
        for (const val of v) out.add(clone(val, memory));
        return out;
      case "error": {
        const hasMessage = Object.prototype.hasOwnProperty.call(v, "message");
        out = makeError(errorName(v), hasMessage ? String(v.message) : "", v.stack, hasMessage);
        memory.set(v, out);
        if (Object.prototype.hasOwnProperty.call(v, "cause")) define(out, "cause", clone(v.cause, memory));
        return out;
      }
      case "domexception": out = new DOMExc(v.message, v.name); break;
    }
    memory.set(v, out);
    return out;
  }
  define(globalThis, "structuredClone", function structuredClone(value, options) {
    if (arguments.length === 0) throw new TypeError("structuredClone requires 1 argument");
    if (options && options.transfer && options.transfer.length) {
      throw new DOMExc("structuredClone: transfer is not supported", "DataCloneError");
    }
    return clone(value, new Map());
  });

  // ---- serialize / deserialize
  // "J" + JSON when the value graph is plain JSON (objects, arrays, strings, finite numbers,
  // booleans, null; no cycles, no shared objects, no undefined); otherwise "T" + JSON of a tagged
  // tree: strings, booleans, null and finite numbers stand for themselves, everything else is an
  // array [tag, ...]. Objects get ids in depth-first order; ["r", id] refers back to one.
  const FAST_DEPTH_MAX = 64;
  function isPlainJson(v, depth, seen) {
    switch (typeof v) {
      case "string": case "boolean": return true;
      case "number": return Number.isFinite(v) && !Object.is(v, -0);
      case "object": break;
      default: return false;
    }
    if (v === null) return true;
    if (depth > FAST_DEPTH_MAX || seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] === undefined || !isPlainJson(v[i], depth + 1, seen)) return false;
      return true;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) return false;
      const x = v[k];
      if (x === undefined || !isPlainJson(x, depth + 1, seen)) return false;
    }
    return true;
  }

  function bytesToBase64(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return internal.base64Encode(s);
  }
  function base64ToBuffer(b64) {
    const s = internal.base64Decode(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out.buffer;
  }

  function encode(v, ids) {
    const t = typeof v;
    if (t === "string" || t === "boolean" || v === null) return v;
    if (t === "number") {
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      return ["n", Object.is(v, -0) ? "-0" : String(v)];
    }
    if (t === "undefined") return ["u"];
    if (t === "bigint") return ["b", v.toString()];
    if (t === "function") throw dataCloneError("function " + (v.name || "(anonymous)"));
    if (t === "symbol") throw dataCloneError(v.toString());
    const known = ids.get(v);
    if (known !== undefined) return ["r", known];
    const kind = kindOf(v);
    const id = ids.size;
    ids.set(v, id);
    switch (kind) {
      case "array": {
        const entries = [];
        for (const k of Object.keys(v)) entries.push(k, encode(v[k], ids));
        return ["a", v.length, entries];
      }
      case "object": {
        const entries = [];
        for (const k of Object.keys(v)) entries.push(k, encode(v[k], ids));
        return ["o", entries];
      }
      case "date": return ["D", getTime.call(v)];
      case "regexp": return ["R", v.source, v.flags];
      case "boolean": return ["X", "boolean", Boolean.prototype.valueOf.call(v)];
      case "number": return ["X", "number", encode(Number.prototype.valueOf.call(v), ids)];
      case "string": return ["X", "string", String.prototype.valueOf.call(v)];
      case "bigint": return ["X", "bigint", BigInt.prototype.valueOf.call(v).toString()];
      case "buffer": return ["B", bytesToBase64(new Uint8Array(v))];
      case "view": {
        const name = viewCtorName(v);
        const length = name === "DataView" ? v.byteLength : v.length;
        return ["V", name, encode(v.buffer, ids), v.byteOffset, length];
      }
      case "map": {
        const entries = [];
        for (const [k, val] of v) entries.push(encode(k, ids), encode(val, ids));
        return ["M", entries];
      }
      case "set": {
        const entries = [];
        for (const val of v) entries.push(encode(val, ids));
        return ["S", entries];
      }
      case "error": {
        const hasMessage = Object.prototype.hasOwnProperty.call(v, "message");
        const stack = typeof v.stack === "string" ? v.stack : null;
        const node = ["E", errorName(v), hasMessage ? String(v.message) : null, stack];
        if (Object.prototype.hasOwnProperty.call(v, "cause")) node.push(encode(v.cause, ids));
        return node;
      }
      case "domexception": return ["x", v.message, v.name];
    }
    throw dataCloneError("value");
  }

  function decode(node, objs) {
    if (node === null || typeof node !== "object") return node;
    const id = objs.length;
    let out;
    switch (node[0]) {
      case "u": return undefined;
      case "n": return node[1] === "-0" ? -0 : Number(node[1]);
      case "b": return BigInt(node[1]);
      case "r": return objs[node[1]];
      case "a": {
        out = new Array(node[1]);
        objs.push(out);
        const e = node[2];
        for (let i = 0; i < e.length; i += 2) put(out, e[i], decode(e[i + 1], objs));
        return out;
      }
      case "o": {
        out = {};
        objs.push(out);
        const e = node[1];
        for (let i = 0; i < e.length; i += 2) put(out, e[i], decode(e[i + 1], objs));
        return out;
      }
      case "D": objs.push(out = new DateCtor(node[1])); return out;
      case "R": objs.push(out = new RegExp(node[1], node[2])); return out;
      case "X": {
        objs.push(null);
        const kind = node[1];
        out = kind === "number" ? Object(decode(node[2], objs)) : kind === "bigint" ? Object(BigInt(node[2]))
          : kind === "string" ? Object(String(node[2])) : Object(Boolean(node[2]));
        objs[id] = out;
        return out;
      }
      case "B": objs.push(out = base64ToBuffer(node[1])); return out;
      case "V": {
        objs.push(null);
        const buffer = decode(node[2], objs);
        out = node[1] === "DataView" ? new DataView(buffer, node[3], node[4]) : new TYPED_ARRAYS[node[1]](buffer, node[3], node[4]);
        objs[id] = out;
        return out;
      }
      case "M": {
        out = new Map();
        objs.push(out);
        const e = node[1];
        for (let i = 0; i < e.length; i += 2) {
          const k = decode(e[i], objs);
          out.set(k, decode(e[i + 1], objs));
        }
        return out;
      }
      case "S": {
        out = new Set();
        objs.push(out);
        for (const x of node[1]) out.add(decode(x, objs));
        return out;
      }
      case "E": {
        const name = Object.prototype.hasOwnProperty.call(ERROR_TYPES, node[1]) ? node[1] : "Error";
        out = makeError(name, node[2], node[3], node[2] !== null);
        objs.push(out);
        if (node.length > 4) define(out, "cause", decode(node[4], objs));
        return out;
      }
      case "x": objs.push(out = new DOMExc(node[1], node[2])); return out;
    }
    throw new TypeError("deserialize: unknown tag " + JSON.stringify(node[0]));
  }

  internal.serialize = (value) => {
    if (isPlainJson(value, 0, new Set())) return "J" + JSON.stringify(value);
    return "T" + JSON.stringify(encode(value, new Map()));
  };
  internal.deserialize = (s) => {
    const marker = s.charCodeAt(0);
    if (marker === 74) return JSON.parse(s.slice(1)); // 'J'
    if (marker === 84) return decode(JSON.parse(s.slice(1)), []); // 'T'
    throw new TypeError("deserialize: not a serialized value");
  };

  // ---- crypto
  const RANDOM_BYTES_MAX = 65536;
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    BigInt64Array, BigUint64Array];
  const DIGESTS = { "SHA-1": true, "SHA-256": true, "SHA-384": true, "SHA-512": true };
  const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16));
  const CREATE = Symbol("create");

  class SubtleCrypto {
    constructor(token) { if (token !== CREATE) throw new TypeError("Illegal constructor"); }
    digest(algorithm, data) {
      try {
        const name = String(algorithm !== null && typeof algorithm === "object" ? algorithm.name : algorithm).toUpperCase();
        if (!DIGESTS[name]) throw new DOMExc("Unrecognized or unsupported digest algorithm: " + name, "NotSupportedError");
        const bytes = internal.bytesOf(data, "crypto.subtle.digest");
        return Promise.resolve(host.digest(name, bytes).buffer);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    get [Symbol.toStringTag]() { return "SubtleCrypto"; }
  }
  for (const m of ["encrypt", "decrypt", "sign", "verify", "generateKey", "deriveKey", "deriveBits", "importKey",
    "exportKey", "wrapKey", "unwrapKey"]) {
    define(SubtleCrypto.prototype, m, function () {
      return Promise.reject(new DOMExc("crypto.subtle." + m + " is not supported by Cairn", "NotSupportedError"));
    });
  }

  class Crypto {
    #subtle = new SubtleCrypto(CREATE);
    constructor(token) { if (token !== CREATE) throw new TypeError("Illegal constructor"); }
    get subtle() { return this.#subtle; }
    getRandomValues(array) {
      if (!INTEGER_ARRAYS.some((C) => array instanceof C)) {
        throw new DOMExc("getRandomValues: the argument must be an integer typed array", "TypeMismatchError");
      }
      if (array.byteLength > RANDOM_BYTES_MAX) {
        throw new DOMExc("getRandomValues: " + array.byteLength + " bytes is more than the limit of " + RANDOM_BYTES_MAX,
          "QuotaExceededError");
      }
      if (array.byteLength > 0) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(host.randomBytes(array.byteLength));
      return array;
    }
    randomUUID() {
      const b = host.randomBytes(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      let s = "";
      for (let i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) s += "-";
        s += HEX[b[i]];
      }
      return s;
    }
    get [Symbol.toStringTag]() { return "Crypto"; }
  }
  define(globalThis, "Crypto", Crypto);
  define(globalThis, "SubtleCrypto", SubtleCrypto);
  define(globalThis, "crypto", new Crypto(CREATE));
})
