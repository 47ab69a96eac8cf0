// TextEncoderStream and TextDecoderStream: TransformStreams around the UTF-8 codecs.
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  const TS = globalThis.TransformStream;
  const Encoder = globalThis.TextEncoder;
  const Decoder = globalThis.TextDecoder;

  class TextEncoderStream {
    #ts;
    constructor() {
      const encoder = new Encoder();
      // A surrogate pair may be split across two chunks: the high half waits for the next chunk.
      let pending = "";
      this.#ts = new TS({
        transform(chunk, controller) {
          let s = pending + String(chunk);
          pending = "";
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last < 0xdc00) {
            pending = s.slice(-1);
            s = s.slice(0, -1);
          }
          if (s.length > 0) controller.enqueue(encoder.encode(s));
        },
        flush(controller) {
          if (pending !== "") controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      });
    }
    get encoding() { return "utf-8"; }
    get readable() { return this.#ts.readable; }
    get writable() { return this.#ts.writable; }
    get [Symbol.toStringTag]() { return "TextEncoderStream"; }
  }

  class TextDecoderStream {
    #ts;
    #decoder;
    constructor(label = "utf-8", options = {}) {
      const decoder = new Decoder(label, options);
      this.#decoder = decoder;
      this.#ts = new TS({
        transform(chunk, controller) {
          if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
            throw new TypeError("TextDecoderStream: each chunk must be an ArrayBuffer or an ArrayBufferView");
          }
          const s = decoder.decode(chunk, { stream: true });
          if (s.length > 0) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s.length > 0) controller.enqueue(s);
        },
      });
    }
    get encoding() { return this.#decoder.encoding; }
    get fatal() { return this.#decoder.fatal; }
    get ignoreBOM() { return this.#decoder.ignoreBOM; }
    get readable() { return this.#ts.readable; }
    get writable() { return this.#ts.writable; }
    get [Symbol.toStringTag]() { return "TextDecoderStream"; }
  }

  define(globalThis, "TextEncoderStream", TextEncoderStream);
  define(globalThis, "TextDecoderStream", TextDecoderStream);
})
