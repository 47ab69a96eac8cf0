// Time, randomness, console and timers: every source of non-determinism goes through `host`.
// Completion value: a function called with (host, internal).
(function (host, internal) {
  "use strict";
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  // ---- Date: the host's clock for "now", everything else the engine's Date.
  const RealDate = Date;
  define(RealDate, "now", function now() { return host.now(); });
  const DateProxy = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      const nt = newTarget === DateProxy ? target : newTarget;
      return Reflect.construct(target, args.length === 0 ? [host.now()] : args, nt);
    },
    // Date() called as a function ignores its arguments and returns the current time as a string.
    apply(target) { return new target(host.now()).toString(); },
  });
  define(RealDate.prototype, "constructor", DateProxy);
  define(globalThis, "Date", DateProxy);
  // Intl.DateTimeFormat formats "now" when given no date: use the host's clock there too.
  if (typeof Intl === "object" && Intl.DateTimeFormat) {
    const proto = Intl.DateTimeFormat.prototype;
    const formatGetter = Object.getOwnPropertyDescriptor(proto, "format").get;
    Object.defineProperty(proto, "format", {
      configurable: true, enumerable: false,
      get() {
        const f = formatGetter.call(this);
        return (date) => f(date === undefined ? host.now() : date);
      },
    });
    const formatToParts = proto.formatToParts;
    define(proto, "formatToParts", function formatToParts_(date) {
      return formatToParts.call(this, date === undefined ? host.now() : date);
    });
  }

  define(Math, "random", function random() { return host.random(); });

  // ---- replay: where a diverging host call was made. Capturing a stack costs more than the
  // call itself, so it is taken only when the host says this very call diverged.
  internal.afterHostCall = host.replaying()
    ? () => { if (host.divergedHere()) host.callSite(new Error()); }
    : () => {};
  const afterHostCall = internal.afterHostCall;
  function log(level, text) {
    host.log(level, text);
    afterHostCall();
  }
  internal.log = log;

  // ---- performance: as in workerd, timeOrigin is 0 and now() is the host clock (so it replays;
  // a context-load time would not be part of any invocation's journal).
  const timeOrigin = 0;
  class Performance {
    get timeOrigin() { return timeOrigin; }
    now() { return host.now() - timeOrigin; }
    toJSON() { return { timeOrigin }; }
  }
  define(globalThis, "performance", new Performance());
  define(globalThis, "Performance", Performance);

  delete globalThis.WeakRef;
  delete globalThis.FinalizationRegistry;

  // ---- console: Node/Workers-like formatting.
  const DEPTH_MAX = 2;
  const ARRAY_ITEMS_MAX = 100;
  const LINE_WIDTH = 80;
  const objectToString = Object.prototype.toString;
  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  function quote(s) {
    return "'" + s.replace(/[\\']/g, (c) => "\\" + c).replace(/\n/g, "\\n") + "'";
  }
  function formatKey(k) {
    if (typeof k === "symbol") return "[" + k.toString() + "]";
    return IDENT.test(k) ? k : quote(k);
  }
  function formatPrimitive(v) {
    switch (typeof v) {
      case "string": return quote(v);
      case "number": return Object.is(v, -0) ? "-0" : String(v);
      case "bigint": return v + "n";
      case "symbol": return v.toString();
      case "undefined": return "undefined";
      default: return v === null ? "null" : String(v);
    }
  }
  function errorText(e) {
    let stack;
    try { stack = e.stack; } catch (_) { /* ignore */ }
    let head;
    try { head = String(e.name) + (e.message ? ": " + e.message : ""); } catch (_) { head = "Error"; }
    if (typeof stack !== "string" || stack === "") return "[" + head + "]";
    return stack.startsWith(head) ? stack : head + "\n" + stack;
  }
  function wrap(prefix, parts, open, close, indent) {
    if (parts.length === 0) return prefix + open + close;
    const oneLine = prefix + open + " " + parts.join(", ") + " " + close;
    if (oneLine.length + 2 * indent <= LINE_WIDTH && !oneLine.includes("\n")) return oneLine;
    const pad = "  ".repeat(indent + 1);
    return prefix + open + "\n" + pad + parts.join(",\n" + pad) + "\n" + "  ".repeat(indent) + close;
  }
  function ownProps(v, seen, depth, parts, skipIndices) {
    for (const k of Object.keys(v)) {
      if (skipIndices && String(k >>> 0) === k && (k >>> 0) < v.length) continue;
      const d = Object.getOwnPropertyDescriptor(v, k);
      let s;
      if (d === undefined) continue;
      if (d.get || d.set) s = d.get && d.set ? "[Getter/Setter]" : d.get ? "[Getter]" : "[Setter]";
      else s = inspect(d.value, seen, depth + 1);
      parts.push(formatKey(k) + ": " + s);
    }
    for (const k of Object.getOwnPropertySymbols(v)) {
      if (!Object.prototype.propertyIsEnumerable.call(v, k)) continue;
      parts.push(formatKey(k) + ": " + inspect(v[k], seen, depth + 1));
    }
  }
  function constructorName(v) {
    let proto = Object.getPrototypeOf(v);
    if (proto === null) return null;
    const d = Object.getOwnPropertyDescriptor(proto, "constructor");
    return d && typeof d.value === "function" && d.value.name ? d.value.name : "Object";
  }

  /** A safe inspect: never throws, marks cycles [Circular], stops at DEPTH_MAX. */
  function inspect(v, seen, depth) {
    if (typeof v === "function") {
      const src = Function.prototype.toString.call(v);
      const name = v.name ? ": " + v.name : " (anonymous)";
      return src.startsWith("class") ? "[class" + (v.name ? " " + v.name : " (anonymous)") + "]" : "[Function" + name + "]";
    }
    if (v === null || typeof v !== "object") return formatPrimitive(v);
    if (seen.includes(v)) return "[Circular]";
    try {
      seen.push(v);
      return inspectObject(v, seen, depth);
    } catch (e) {
      return "[object: inspect failed]";
    } finally {
      seen.pop();
    }
  }
  function inspectObject(v, seen, depth) {
    const tag = objectToString.call(v);
    const indent = seen.length - 1;
    if (v instanceof Error || tag === "[object Error]") return errorText(v);
    if (tag === "[object Date]") {
      const t = RealDate.prototype.getTime.call(v);
      return Number.isNaN(t) ? "Invalid Date" : RealDate.prototype.toISOString.call(v);
    }
    if (tag === "[object RegExp]") return RegExp.prototype.toString.call(v);
    if (tag === "[object Number]") return "[Number: " + formatPrimitive(Number.prototype.valueOf.call(v)) + "]";
    if (tag === "[object String]") return "[String: " + quote(String.prototype.valueOf.call(v)) + "]";
    if (tag === "[object Boolean]") return "[Boolean: " + Boolean.prototype.valueOf.call(v) + "]";
    if (tag === "[object Promise]") return "Promise { <unknown> }";
    if (tag === "[object WeakMap]" || tag === "[object WeakSet]") return tag.slice(8, -1) + " { <items unknown> }";
    const isArray = Array.isArray(v);
    const name = constructorName(v);
    if (depth > DEPTH_MAX) {
      return isArray ? "[Array]" : "[" + (name === null ? "Object: null prototype" : name) + "]";
    }
    const parts = [];
    if (isArray || ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const n = v.length;
      const shown = Math.min(n, ARRAY_ITEMS_MAX);
      let holes = 0;
      for (let i = 0; i < shown; i++) {
        if (!(i in v)) { holes++; continue; }
        if (holes) { parts.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">"); holes = 0; }
        parts.push(inspect(v[i], seen, depth + 1));
      }
      if (holes) parts.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">");
      if (n > shown) parts.push("... " + (n - shown) + " more item" + (n - shown > 1 ? "s" : ""));
      if (isArray) ownProps(v, seen, depth, parts, true);
      const prefix = isArray ? (name === "Array" ? "" : name + "(" + n + ") ") : name + "(" + n + ") ";
      return wrap(prefix, parts, "[", "]", indent);
    }
    if (v instanceof Map) {
      for (const [k, val] of v) parts.push(inspect(k, seen, depth + 1) + " => " + inspect(val, seen, depth + 1));
      return wrap("Map(" + v.size + ") ", parts, "{", "}", indent);
    }
    if (v instanceof Set) {
      for (const val of v) parts.push(inspect(val, seen, depth + 1));
      return wrap("Set(" + v.size + ") ", parts, "{", "}", indent);
    }
    if (v instanceof ArrayBuffer) {
      const bytes = new Uint8Array(v, 0, Math.min(v.byteLength, 50));
      const hex = Array.from(bytes, (b) => (b < 16 ? "0" : "") + b.toString(16)).join(" ");
      return "ArrayBuffer { [Uint8Contents]: <" + hex + (v.byteLength > 50 ? " ... " : "") + ">, byteLength: " + v.byteLength + " }";
    }
    ownProps(v, seen, depth, parts, false);
    const prefix = name === null ? "[Object: null prototype] " : name === "Object" ? "" : name + " ";
    return wrap(prefix, parts, "{", "}", indent);
  }

  function inspectTop(v) { return typeof v === "string" ? v : inspect(v, [], 0); }

  function formatArgs(args) {
    if (args.length === 0) return "";
    let out = "";
    let rest = 0;
    const first = args[0];
    if (typeof first === "string" && args.length > 1 && first.includes("%")) {
      let a = 1;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const c = first[i + 1];
        let rep;
        if (c === "%") { out += first.slice(last, i) + "%"; last = i + 2; i++; continue; }
        if (a >= args.length || "sdifoOjc".indexOf(c) < 0) continue;
        const arg = args[a++];
        switch (c) {
          case "s":
            rep = typeof arg === "string" ? arg : typeof arg === "bigint" ? arg + "n"
              : typeof arg === "symbol" ? arg.toString()
              : arg !== null && typeof arg === "object" ? inspect(arg, [], DEPTH_MAX) : formatPrimitive(arg);
            break;
          case "d":
            rep = typeof arg === "bigint" ? arg + "n" : typeof arg === "symbol" ? "NaN" : formatPrimitive(Number(arg));
            break;
          case "i":
            rep = typeof arg === "bigint" ? arg + "n" : typeof arg === "symbol" ? "NaN" : formatPrimitive(parseInt(arg, 10));
            break;
          case "f": rep = typeof arg === "symbol" ? "NaN" : formatPrimitive(parseFloat(arg)); break;
          case "o": case "O": rep = inspect(arg, [], 0); break;
          case "j":
            try { rep = JSON.stringify(arg); } catch (e) { rep = "[Circular]"; }
            if (rep === undefined) rep = "undefined";
            break;
          case "c": rep = ""; break;
        }
        out += first.slice(last, i) + rep;
        last = i + 2;
        i++;
      }
      out += first.slice(last);
      rest = a;
    } else {
      out = inspectTop(first);
      rest = 1;
    }
    for (let i = rest; i < args.length; i++) out += " " + inspectTop(args[i]);
    return out;
  }

  const counts = new Map();
  const timers = new Map();
  const console = {
    log(...args) { log("log", formatArgs(args)); },
    info(...args) { log("info", formatArgs(args)); },
    warn(...args) { log("warn", formatArgs(args)); },
    error(...args) { log("error", formatArgs(args)); },
    debug(...args) { log("debug", formatArgs(args)); },
    trace(...args) {
      const stack = String(new Error().stack || "").split("\n").slice(2).join("\n");
      log("trace", "Trace" + (args.length ? ": " + formatArgs(args) : "") + (stack ? "\n" + stack : ""));
    },
    dir(v) { log("log", inspect(v, [], 0)); },
    assert(cond, ...args) {
      if (!cond) log("error", "Assertion failed" + (args.length ? ": " + formatArgs(args) : ""));
    },
    count(label = "default") {
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      log("log", label + ": " + n);
    },
    countReset(label = "default") { counts.delete(label); },
    time(label = "default") { timers.set(label, host.now()); },
    timeEnd(label = "default") {
      if (!timers.has(label)) return;
      log("log", label + ": " + (host.now() - timers.get(label)) + "ms");
      timers.delete(label);
    },
    timeLog(label = "default", ...args) {
      if (!timers.has(label)) return;
      log("log", label + ": " + (host.now() - timers.get(label)) + "ms" + (args.length ? " " + formatArgs(args) : ""));
    },
    group() {}, groupEnd() {}, table(v) { log("log", inspectTop(v)); },
  };
  define(globalThis, "console", console);
  // Other prelude files format values the same way (e.g. an error thrown by an event listener).
  internal.inspect = inspectTop;
  internal.formatLog = formatArgs;

  // ---- timers. Ids are the host's; an interval keeps its first id across re-arms.
  const intervals = new Map(); // interval id -> current host timer id
  function checkCallback(fn, what) {
    if (typeof fn !== "function") throw new TypeError(what + ": the callback must be a function");
  }
  function forgetStale(id) {
    // The host issues each id once per invocation; seeing one again means a stale interval
    // from an earlier invocation (its timers died with it).
    if (intervals.size !== 0) intervals.delete(id);
  }
  define(globalThis, "setTimeout", function setTimeout(fn, ms, ...args) {
    checkCallback(fn, "setTimeout");
    const id = host.setTimeout(args.length ? () => fn(...args) : () => fn(), Number(ms) || 0);
    afterHostCall();
    forgetStale(id);
    return id;
  });
  define(globalThis, "setInterval", function setInterval(fn, ms, ...args) {
    checkCallback(fn, "setInterval");
    const delay = Number(ms) || 0;
    let id = 0;
    const tick = () => {
      if (!intervals.has(id)) return;
      intervals.set(id, host.setTimeout(tick, delay));
      afterHostCall();
      fn(...args);
    };
    id = host.setTimeout(tick, delay);
    afterHostCall();
    intervals.set(id, id);
    return id;
  });
  function clear(id) {
    if (typeof id !== "number") return;
    const current = intervals.get(id);
    if (current !== undefined) {
      intervals.delete(id);
      host.clearTimeout(current);
    } else {
      host.clearTimeout(id);
    }
  }
  define(globalThis, "clearTimeout", function clearTimeout(id) { clear(id); });
  define(globalThis, "clearInterval", function clearInterval(id) { clear(id); });
  define(globalThis, "queueMicrotask", function queueMicrotask(fn) {
    checkCallback(fn, "queueMicrotask");
    Promise.resolve().then(() => fn());
  });
})
