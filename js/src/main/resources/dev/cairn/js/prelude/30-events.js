// Event, EventTarget, AbortController and AbortSignal (no DOM tree: dispatch is at-target only).
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #defaultPrevented = false;
    #stop = false;
    #stopImmediate = false;
    #target = null;
    #currentTarget = null;
    #phase = 0;
    #timeStamp;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Event: the type argument is required");
      this.#type = String(type);
      this.#bubbles = Boolean(init && init.bubbles);
      this.#cancelable = Boolean(init && init.cancelable);
      this.#composed = Boolean(init && init.composed);
      this.#timeStamp = performance.now();
    }
    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#defaultPrevented; }
    get returnValue() { return !this.#defaultPrevented; }
    get target() { return this.#target; }
    get srcElement() { return this.#target; }
    get currentTarget() { return this.#currentTarget; }
    get eventPhase() { return this.#phase; }
    get timeStamp() { return this.#timeStamp; }
    get isTrusted() { return false; }
    get cancelBubble() { return this.#stop; }
    set cancelBubble(v) { if (v) this.#stop = true; }
    composedPath() { return this.#currentTarget ? [this.#currentTarget] : []; }
    preventDefault() { if (this.#cancelable) this.#defaultPrevented = true; }
    stopPropagation() { this.#stop = true; }
    stopImmediatePropagation() { this.#stop = true; this.#stopImmediate = true; }
    get [Symbol.toStringTag]() { return "Event"; }
    static {
      // Dispatch state is private to Event; EventTarget drives it through these.
      Event.begin = (e, target) => { e.#target = target; e.#currentTarget = target; e.#phase = 2; };
      Event.end = (e) => { e.#currentTarget = null; e.#phase = 0; e.#stop = false; e.#stopImmediate = false; };
      Event.stoppedImmediately = (e) => e.#stopImmediate;
    }
  }
  const { begin, end, stoppedImmediately } = Event;
  delete Event.begin;
  delete Event.end;
  delete Event.stoppedImmediately;
  for (const [k, v] of [["NONE", 0], ["CAPTURING_PHASE", 1], ["AT_TARGET", 2], ["BUBBLING_PHASE", 3]]) {
    Object.defineProperty(Event, k, { value: v, enumerable: true });
    Object.defineProperty(Event.prototype, k, { value: v, enumerable: true });
  }

  class CustomEvent extends Event {
    #detail;
    constructor(type, init = {}) {
      super(type, init);
      this.#detail = init && init.detail !== undefined ? init.detail : null;
    }
    get detail() { return this.#detail; }
  }

  function flatten(options) {
    if (typeof options === "boolean") return { capture: options, once: false, passive: false, signal: undefined };
    if (options === null || typeof options !== "object") return { capture: false, once: false, passive: false, signal: undefined };
    return { capture: Boolean(options.capture), once: Boolean(options.once), passive: Boolean(options.passive), signal: options.signal };
  }

  class EventTarget {
    /** type -> array of { callback, capture, once, removed } */
    #listeners = new Map();
    addEventListener(type, callback, options) {
      if (callback === null || callback === undefined) return;
      if (typeof callback !== "function" && typeof callback !== "object") {
        throw new TypeError("addEventListener: the listener must be a function or an object");
      }
      const o = flatten(options);
      if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) {
        throw new TypeError("addEventListener: signal must be an AbortSignal");
      }
      if (o.signal && o.signal.aborted) return;
      type = String(type);
      let list = this.#listeners.get(type);
      if (list === undefined) this.#listeners.set(type, (list = []));
      for (const l of list) if (l.callback === callback && l.capture === o.capture) return;
      const entry = { callback, capture: o.capture, once: o.once, removed: false };
      list.push(entry);
      if (o.signal) o.signal.addEventListener("abort", () => this.#remove(type, entry), { once: true });
    }
    removeEventListener(type, callback, options) {
      const list = this.#listeners.get(String(type));
      if (list === undefined) return;
      const capture = flatten(options).capture;
      for (const l of list) if (l.callback === callback && l.capture === capture) { this.#remove(String(type), l); return; }
    }
    #remove(type, entry) {
      entry.removed = true;
      const list = this.#listeners.get(type);
      if (list === undefined) return;
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#listeners.delete(type);
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeError("dispatchEvent: the argument must be an Event");
      const list = this.#listeners.get(event.type);
      begin(event, this);
      try {
        if (list !== undefined) {
          for (const l of list.slice()) {
            if (l.removed) continue;
            if (l.once) this.#remove(event.type, l);
            try {
              if (typeof l.callback === "function") l.callback.call(this, event);
              else if (typeof l.callback.handleEvent === "function") l.callback.handleEvent(event);
            } catch (e) {
              // As in browsers and Workers: a throwing listener is reported and dispatch goes on.
              internal.log("error", "Uncaught " + internal.inspect(e));
            }
            if (stoppedImmediately(event)) break;
          }
        }
      } finally {
        end(event);
      }
      return !event.defaultPrevented;
    }
    get [Symbol.toStringTag]() { return "EventTarget"; }
  }

  // ---- AbortSignal / AbortController
  const CREATE = Symbol("create");
  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #onabort = null;
    #onabortListener = null;
    constructor(token) {
      if (token !== CREATE) throw new TypeError("Illegal constructor: use new AbortController().signal");
      super();
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    get onabort() { return this.#onabort; }
    set onabort(fn) {
      this.#onabort = typeof fn === "function" || (fn !== null && typeof fn === "object") ? fn : null;
      if (this.#onabort !== null && this.#onabortListener === null) {
        this.#onabortListener = (e) => {
          const h = this.#onabort;
          if (typeof h === "function") h.call(this, e);
        };
        this.addEventListener("abort", this.#onabortListener);
      }
    }
    static abort(reason) {
      const s = new AbortSignal(CREATE);
      s.#aborted = true;
      s.#reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
      return s;
    }
    static timeout(ms) {
      const delay = Number(ms);
      if (!Number.isFinite(delay) || delay < 0) throw new TypeError("AbortSignal.timeout: ms must be a non-negative number");
      const s = new AbortSignal(CREATE);
      setTimeout(() => signalAbort(s, new DOMException("The operation was aborted due to timeout", "TimeoutError")), delay);
      return s;
    }
    static any(signals) {
      const list = Array.from(signals);
      for (const s of list) {
        if (!(s instanceof AbortSignal)) throw new TypeError("AbortSignal.any: every element must be an AbortSignal");
        if (s.aborted) return AbortSignal.abort(s.reason);
      }
      const result = new AbortSignal(CREATE);
      for (const s of list) s.addEventListener("abort", () => signalAbort(result, s.reason), { once: true });
      return result;
    }
    get [Symbol.toStringTag]() { return "AbortSignal"; }
    static {
      AbortSignal.signalAbort = (s, reason) => {
        if (s.#aborted) return;
        s.#aborted = true;
        s.#reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
        s.dispatchEvent(new Event("abort"));
      };
    }
  }
  const signalAbort = AbortSignal.signalAbort;
  delete AbortSignal.signalAbort;

  class AbortController {
    #signal = new AbortSignal(CREATE);
    get signal() { return this.#signal; }
    abort(reason) { signalAbort(this.#signal, reason); }
    get [Symbol.toStringTag]() { return "AbortController"; }
  }

  define(globalThis, "Event", Event);
  define(globalThis, "CustomEvent", CustomEvent);
  define(globalThis, "EventTarget", EventTarget);
  define(globalThis, "AbortSignal", AbortSignal);
  define(globalThis, "AbortController", AbortController);
})
