// DOMException, TextEncoder/TextDecoder (UTF-8 only; bulk work in Java through `host`), atob/btoa.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  // ---- DOMException
  const LEGACY_CODES = {
    IndexSizeError: 1, DOMStringSizeError: 2, HierarchyRequestError: 3, WrongDocumentError: 4,
    InvalidCharacterError: 5, NoDataAllowedError: 6, NoModificationAllowedError: 7, NotFoundError: 8,
    NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11, SyntaxError: 12,
    InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, ValidationError: 16,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const CONSTANTS = [
    "INDEX_SIZE_ERR", "DOMSTRING_SIZE_ERR", "HIERARCHY_REQUEST_ERR", "WRONG_DOCUMENT_ERR",
    "INVALID_CHARACTER_ERR", "NO_DATA_ALLOWED_ERR", "NO_MODIFICATION_ALLOWED_ERR", "NOT_FOUND_ERR",
    "NOT_SUPPORTED_ERR", "INUSE_ATTRIBUTE_ERR", "INVALID_STATE_ERR", "SYNTAX_ERR",
    "INVALID_MODIFICATION_ERR", "NAMESPACE_ERR", "INVALID_ACCESS_ERR", "VALIDATION_ERR",
    "TYPE_MISMATCH_ERR", "SECURITY_ERR", "NETWORK_ERR", "ABORT_ERR", "URL_MISMATCH_ERR",
    "QUOTA_EXCEEDED_ERR", "TIMEOUT_ERR", "INVALID_NODE_TYPE_ERR", "DATA_CLONE_ERR",
  ];
  class DOMException extends Error {
    #name;
    #message;
    constructor(message = "", options = "Error") {
      const msg = String(message);
      let name = options;
      let cause;
      if (options !== null && typeof options === "object") {
        name = options.name === undefined ? "Error" : options.name;
        if ("cause" in options) cause = { cause: options.cause };
      }
      super(msg, cause);
      this.#name = String(name);
      this.#message = msg;
      // Error's constructor made an own "message"; the spec's lives on the prototype.
      delete this.message;
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() { return LEGACY_CODES[this.#name] || 0; }
  }
  CONSTANTS.forEach((c, i) => {
    Object.defineProperty(DOMException, c, { value: i + 1, enumerable: true });
    Object.defineProperty(DOMException.prototype, c, { value: i + 1, enumerable: true });
  });
  define(globalThis, "DOMException", DOMException);

  // ---- TextEncoder
  // Short strings are encoded in JS (a host call costs more than the loop); long ones in Java.
  const JS_ENCODE_MAX = 64;
  function encodeSmall(s) {
    const out = new Uint8Array(s.length * 3);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) { out[n++] = c; continue; }
      if (c < 0x800) { out[n++] = 0xc0 | (c >> 6); out[n++] = 0x80 | (c & 63); continue; }
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18); out[n++] = 0x80 | ((c >> 12) & 63);
          out[n++] = 0x80 | ((c >> 6) & 63); out[n++] = 0x80 | (c & 63);
          continue;
        }
      }
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // a lone surrogate
      out[n++] = 0xe0 | (c >> 12); out[n++] = 0x80 | ((c >> 6) & 63); out[n++] = 0x80 | (c & 63);
    }
    return n === out.length ? out : out.slice(0, n);
  }
  function utf8Encode(s) {
    if (s.length <= JS_ENCODE_MAX) return encodeSmall(s);
    return host.utf8Encode(s.isWellFormed() ? s : s.toWellFormed());
  }
  internal.utf8Encode = utf8Encode;

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") { return utf8Encode(String(input)); }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) throw new TypeError("encodeInto: destination must be a Uint8Array");
      const s = String(source);
      const cap = destination.length;
      let read = 0;
      let written = 0;
      for (let i = 0; i < s.length; i++) {
        let c = s.charCodeAt(i);
        let units = 1;
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xdc00 && d < 0xe000) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); units = 2; }
        }
        if (units === 1 && c >= 0xd800 && c < 0xe000) c = 0xfffd;
        const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (written + size > cap) break;
        if (size === 1) destination[written] = c;
        else if (size === 2) { destination[written] = 0xc0 | (c >> 6); destination[written + 1] = 0x80 | (c & 63); }
        else if (size === 3) {
          destination[written] = 0xe0 | (c >> 12); destination[written + 1] = 0x80 | ((c >> 6) & 63);
          destination[written + 2] = 0x80 | (c & 63);
        } else {
          destination[written] = 0xf0 | (c >> 18); destination[written + 1] = 0x80 | ((c >> 12) & 63);
          destination[written + 2] = 0x80 | ((c >> 6) & 63); destination[written + 3] = 0x80 | (c & 63);
        }
        written += size;
        read += units;
        i += units - 1;
      }
      return { read, written };
    }
    get [Symbol.toStringTag]() { return "TextEncoder"; }
  }
  define(globalThis, "TextEncoder", TextEncoder);

  // ---- TextDecoder
  const UTF8_LABELS = new Set(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]);
  const JS_DECODE_MAX = 256;

  /** A Uint8Array over the bytes of any BufferSource, without copying. */
  function bytesOf(input, what) {
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError(what + ": expected an ArrayBuffer, a typed array or a DataView");
  }
  internal.bytesOf = bytesOf;

  function isAscii(b) {
    for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
    return true;
  }
  function utf8Decode(bytes, fatal) {
    if (bytes.length === 0) return "";
    if (bytes.length <= JS_DECODE_MAX && isAscii(bytes)) return String.fromCharCode.apply(null, bytes);
    try {
      return host.utf8Decode(bytes, fatal);
    } catch (e) {
      throw new TypeError("The encoded data was not valid for encoding utf-8");
    }
  }
  internal.utf8Decode = (bytes) => {
    const s = utf8Decode(bytes, false);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  };

  /** How many trailing bytes form a valid but incomplete sequence (0 when none). */
  function incompleteTail(b) {
    const n = b.length;
    for (let back = 1; back <= 3 && back <= n; back++) {
      const c = b[n - back];
      if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
      const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    #carry = null;
    #bomChecked = false;
    constructor(label = "utf-8", options = {}) {
      const l = String(label).trim().toLowerCase();
      if (!UTF8_LABELS.has(l)) throw new RangeError("TextDecoder: the encoding '" + label + "' is not supported (only utf-8)");
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options) {
      const stream = Boolean(options && options.stream);
      let bytes = input === undefined || input === null ? new Uint8Array(0) : bytesOf(input, "TextDecoder.decode");
      if (this.#carry !== null) {
        const joined = new Uint8Array(this.#carry.length + bytes.length);
        joined.set(this.#carry, 0);
        joined.set(bytes, this.#carry.length);
        bytes = joined;
        this.#carry = null;
      }
      if (stream) {
        const tail = incompleteTail(bytes);
        if (tail > 0) {
          this.#carry = bytes.slice(bytes.length - tail);
          bytes = bytes.subarray(0, bytes.length - tail);
        }
      }
      let s = utf8Decode(bytes, this.#fatal);
      if (!this.#bomChecked && s.length > 0) {
        this.#bomChecked = true;
        if (!this.#ignoreBOM && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      }
      if (!stream) {
        this.#bomChecked = false;
        this.#carry = null;
      }
      return s;
    }
    get [Symbol.toStringTag]() { return "TextDecoder"; }
  }
  define(globalThis, "TextDecoder", TextDecoder);

  // ---- base64
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const DECODE = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

  /** A binary string (each char 0..255) to base64. */
  function encodeBase64(s) {
    let out = "";
    let i = 0;
    for (; i + 2 < s.length; i += 3) {
      const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    }
    const left = s.length - i;
    if (left === 1) {
      const n = s.charCodeAt(i) << 16;
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + "==";
    } else if (left === 2) {
      const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8);
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + "=";
    }
    return out;
  }
  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa requires 1 argument");
    const s = String(data);
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0xff) {
        throw new DOMException("btoa: the string contains characters outside of the Latin1 range", "InvalidCharacterError");
      }
    }
    return encodeBase64(s);
  }
  function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob requires 1 argument");
    let s = String(data).replace(/[\t\n\f\r ]+/g, "");
    if (s.length % 4 === 0) {
      if (s.endsWith("==")) s = s.slice(0, -2);
      else if (s.endsWith("=")) s = s.slice(0, -1);
    }
    const bad = () => new DOMException("atob: the string to be decoded is not correctly encoded", "InvalidCharacterError");
    if (s.length % 4 === 1) throw bad();
    let out = "";
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? DECODE[c] : -1;
      if (v < 0) throw bad();
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((acc >> bits) & 0xff);
      }
    }
    return out;
  }
  define(globalThis, "btoa", btoa);
  define(globalThis, "atob", atob);
  internal.base64Encode = encodeBase64;
  internal.base64Decode = atob;
})
