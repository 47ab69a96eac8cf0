// Cairn's runtime glue: turns Java's calls into handler calls and handler I/O into host calls.
// Evaluated once per context after the Web API prelude; its completion value is called with
// (host, internal, rt) where rt holds the Java entry points for I/O that completes later
// (each takes resolve/reject callbacks). Nothing here is reachable from user code.
(function (host, internal, rt) {
  "use strict";
  // After each host call: in replay, if that call diverged, hand the host the JS stack (see prelude).
  const afterHostCall = internal.afterHostCall;

  function toParts(request) {
    return internal.requestParts(request);
  }

  // Headers cross the boundary as one string: name \0 value \0 name \0 value (NUL is not allowed in HTTP).
  function splitHeaders(joined) {
    return joined ? joined.split("\0") : [];
  }

  function settleResponse(resolve) {
    return (status, statusText, headers, body) =>
      resolve(internal.makeResponse(status, statusText, splitHeaders(headers), body));
  }

  // fetch(input, init) through `send(method, url, headers, body, resolve, reject)`: the request is
  // built (and may throw) before anything leaves, so a bad request rejects without a host call.
  function fetchVia(send, input, init) {
    let parts;
    try {
      const req = (init === undefined && input instanceof Request) ? input : new Request(input, init);
      parts = toParts(req);
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = parts.signal;
    if (signal !== null && signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      if (signal === null) {
        send(parts.method, parts.url, parts.headers, parts.body, settleResponse(resolve), reject, parts.redirect);
        afterHostCall();
        return;
      }
      // An abort rejects at once; the host call still completes (and is journaled), its result unused.
      let settled = false;
      const onAbort = () => { if (!settled) { settled = true; reject(signal.reason); } };
      signal.addEventListener("abort", onAbort, { once: true });
      const done = (f) => (...args) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        f(...args);
      };
      send(parts.method, parts.url, parts.headers, parts.body, done(settleResponse(resolve)), done(reject), parts.redirect);
      afterHostCall();
    });
  }

  // Outbound and in-app fetch: the host decides (a service of this app by URL host, or the
  // allow-listed network) and enforces the sub-request limit.
  const fetchImpl = function fetch(input, init) {
    return fetchVia(rt.fetch, input, init);
  };
  Object.defineProperty(globalThis, "fetch", { value: fetchImpl, writable: true, configurable: true, enumerable: false });

  // A stub: `target`'s own members (fetch, id, ...), and any other name is a JS RPC method whose
  // structured-clone encoded arguments go to `send(method, encoded, resolve, reject)`.
  function rpcStub(target, send) {
    return new Proxy(target, {
      get(t, prop) {
        if (prop in t) return t[prop];
        if (typeof prop !== "string" || prop === "then") return undefined;
        return (...args) => {
          let encoded;
          try {
            encoded = internal.serialize(args);
          } catch (e) {
            return Promise.reject(e);
          }
          return new Promise((resolve, reject) => {
            send(prop, encoded, (s) => resolve(internal.deserialize(s)), reject);
            afterHostCall();
          });
        };
      },
    });
  }

  // A service binding: fetch plus JS RPC, both in-process.
  function serviceBinding(name) {
    return rpcStub({
      fetch(input, init) {
        return fetchVia((...args) => rt.serviceFetch(name, ...args), input, init);
      },
    }, (method, encoded, resolve, reject) => rt.rpc(name, method, encoded, resolve, reject));
  }

  // ---- Durable entities: ids and stubs (the calling side)

  // A Durable Object id: 64 hex digits, tagged by its namespace (see EntityIds), and the name it
  // was made from when idFromName made it.
  const idNamespaces = new WeakMap();
  class DurableObjectId {
    #hex;
    #name;
    constructor(ns, hex, name) {
      this.#hex = hex;
      this.#name = name;
      idNamespaces.set(this, ns);
    }
    toString() { return this.#hex; }
    equals(other) { return other instanceof DurableObjectId && other.toString() === this.#hex; }
    get name() { return this.#name; }
    get [Symbol.toStringTag]() { return "DurableObjectId"; }
  }

  function entityId(ns, how, value) {
    const hex = rt.entityId(ns, how, value);
    if (hex.charCodeAt(0) === 33) throw new TypeError(hex.slice(1)); // "!" + why it was refused
    return hex;
  }

  function entityStub(ns, id) {
    const hex = id.toString();
    const name = id.name === undefined ? null : id.name;
    return rpcStub({
      id,
      name: id.name,
      fetch(input, init) {
        return fetchVia((...args) => rt.entityFetch(ns, hex, name, ...args), input, init);
      },
    }, (method, encoded, resolve, reject) => rt.entityRpc(ns, hex, name, method, encoded, resolve, reject));
  }

  // env.X for { entity: Name }: Durable Objects' DurableObjectNamespace.
  function entityNamespace(ns) {
    return Object.freeze({
      idFromName(name) { return new DurableObjectId(ns, entityId(ns, "name", String(name)), String(name)); },
      idFromString(text) { return new DurableObjectId(ns, entityId(ns, "string", String(text)), undefined); },
      newUniqueId() { return new DurableObjectId(ns, entityId(ns, "unique", ""), undefined); },
      get(id) {
        if (!(id instanceof DurableObjectId) || idNamespaces.get(id) !== ns) {
          throw new TypeError("get(): expected a DurableObjectId made by this namespace (" + ns + ")");
        }
        return entityStub(ns, id);
      },
      getByName(name) { return this.get(this.idFromName(name)); },
      jurisdiction() { return this; },
    });
  }

  // ---- Workflows: the binding (the calling side)

  function workflowCall(send) {
    return new Promise((resolve, reject) => {
      send(resolve, reject);
      afterHostCall();
    });
  }

  function workflowInstance(wf, id) {
    const control = (action, arg) => workflowCall((res, rej) =>
      rt.wfControl(wf, id, action, arg === undefined ? "null" : JSON.stringify(arg), (s) => res(JSON.parse(s)), rej));
    return Object.freeze({
      id,
      async status() {
        const s = await control("status");
        const out = { status: s.status };
        if (s.error !== undefined) out.error = s.error;
        if (s.output !== undefined) out.output = internal.deserialize(s.output);
        return out;
      },
      async pause() { await control("pause"); },
      async resume() { await control("resume"); },
      async terminate() { await control("terminate"); },
      async restart() { await control("restart"); },
      async sendEvent(event) {
        if (event === null || typeof event !== "object" || typeof event.type !== "string") {
          throw new TypeError("sendEvent(): expected { type: string, payload }");
        }
        await control("sendEvent", { type: event.type, payload: internal.serialize(event.payload === undefined ? null : event.payload) });
      },
    });
  }

  // env.X for { workflow: Name }: Cloudflare's Workflow binding.
  function workflowBinding(wf) {
    const create = async (options = {}) => {
      if (options === null || typeof options !== "object") throw new TypeError("create(): options must be an object");
      if (options.id !== undefined && typeof options.id !== "string") throw new TypeError("create(): id must be a string");
      const params = internal.serialize(options.params === undefined ? {} : options.params);
      const id = await workflowCall((res, rej) => rt.wfCreate(wf, options.id === undefined ? null : options.id, params, res, rej));
      return workflowInstance(wf, id);
    };
    return Object.freeze({
      create,
      async createBatch(batch) {
        if (!Array.isArray(batch)) throw new TypeError("createBatch(): expected an array of { id, params }");
        const out = [];
        for (const options of batch) out.push(await create(options));
        return out;
      },
      async get(id) {
        if (typeof id !== "string") throw new TypeError("get(): id must be a string");
        await workflowCall((res, rej) => rt.wfControl(wf, id, "get", "null", res, rej));
        return workflowInstance(wf, id);
      },
    });
  }

  // ---- Workflows: the step API inside run()

  const DURATION_UNITS = {
    ms: 1, millisecond: 1, milliseconds: 1, second: 1000, seconds: 1000, minute: 60_000, minutes: 60_000,
    hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000, week: 604_800_000, weeks: 604_800_000,
    month: 2_592_000_000, months: 2_592_000_000, year: 31_536_000_000, years: 31_536_000_000,
  };

  // "10 seconds", "1 day", 5000 (ms): a duration in milliseconds, or a TypeError that says what is wrong.
  function durationMs(value, what) {
    if (typeof value === "number") {
      if (Number.isFinite(value) && value >= 0) return Math.trunc(value);
    } else if (typeof value === "string") {
      const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
      if (m && Object.prototype.hasOwnProperty.call(DURATION_UNITS, m[2].toLowerCase())) {
        return Math.trunc(Number(m[1]) * DURATION_UNITS[m[2].toLowerCase()]);
      }
    }
    throw new TypeError(what + ": invalid duration " + JSON.stringify(value)
      + " (expected milliseconds or a string like \"10 seconds\", \"5 minutes\", \"1 day\")");
  }

  function stepError(json) {
    const d = JSON.parse(json);
    const e = new Error(d.message);
    e.cairnCode = d.code;
    return e;
  }

  function errorJson(e) {
    const d = (e instanceof Error) ? { code: e.cairnCode || "workflow_step_failed", message: String(e.message), name: e.name }
      : { code: "workflow_step_failed", message: "uncaught value: " + String(e) };
    return JSON.stringify(d);
  }

  function withTimeout(promise, ms, name) {
    if (!(ms > 0) || ms >= 2_147_483_647) return promise;
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const e = new Error("step " + name + " timed out after " + ms + " ms");
        e.cairnCode = "workflow_step_timeout";
        reject(e);
      }, ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  function makeStep() {
    const sleepUntil = (name, untilMs) => workflowCall((res, rej) => rt.wfSleep(name, untilMs, () => res(undefined), rej));
    const end = (name, ok, value) => workflowCall((res, rej) => rt.wfStepEnd(name, ok, value, () => res(undefined), rej));
    return Object.freeze({
      async do(name, configOrFn, maybeFn) {
        if (typeof name !== "string" || name.length === 0) throw new TypeError("step.do(): the step needs a name");
        const fn = typeof configOrFn === "function" ? configOrFn : maybeFn;
        const config = typeof configOrFn === "function" ? {} : (configOrFn ?? {});
        if (typeof fn !== "function") throw new TypeError("step.do(" + JSON.stringify(name) + "): expected a callback");
        const retries = config.retries ?? {};
        const limit = retries.limit === undefined ? 5 : Number(retries.limit);
        if (!Number.isInteger(limit) || limit < 0) throw new TypeError("step.do(): retries.limit must be a whole number >= 0");
        const delay = durationMs(retries.delay ?? 10_000, "step.do(): retries.delay");
        const backoff = retries.backoff ?? "exponential";
        if (backoff !== "constant" && backoff !== "linear" && backoff !== "exponential") {
          throw new TypeError("step.do(): retries.backoff must be constant, linear or exponential");
        }
        const timeout = durationMs(config.timeout ?? "10 minutes", "step.do(): timeout");
        const memo = rt.wfStepBegin(name, JSON.stringify({ limit, delay, backoff, timeout }));
        let attempt = 0;
        if (memo !== null) {
          if (memo[0] === "ok") return internal.deserialize(memo[1]);
          if (memo[0] === "error") throw stepError(memo[1]);
          attempt = Number(memo[1]); // "retry": attempts failed before a restart
        }
        for (;;) {
          let value;
          try {
            value = await withTimeout(Promise.resolve().then(fn), timeout, name);
          } catch (e) {
            if (attempt >= limit) {
              await end(name, false, errorJson(e));
              throw e;
            }
            await end(name, false, "retry:" + errorJson(e));
            attempt++;
            const wait = backoff === "constant" ? delay : backoff === "linear" ? delay * attempt : delay * 2 ** (attempt - 1);
            await sleepUntil(name + "#retry" + attempt, Date.now() + wait);
            continue;
          }
          let encoded;
          try {
            encoded = internal.serialize(value === undefined ? null : value);
          } catch (e) {
            const err = new TypeError("step.do(" + JSON.stringify(name) + "): its result cannot be stored: " + e.message);
            err.cairnCode = "workflow_step_result_not_serializable";
            await end(name, false, errorJson(err));
            throw err;
          }
          await end(name, true, encoded);
          return internal.deserialize(encoded);
        }
      },
      sleep(name, duration) {
        if (typeof name !== "string" || name.length === 0) return Promise.reject(new TypeError("step.sleep(): the sleep needs a name"));
        let ms;
        try { ms = durationMs(duration, "step.sleep(" + JSON.stringify(name) + ")"); } catch (e) { return Promise.reject(e); }
        return sleepUntil(name, Date.now() + ms);
      },
      sleepUntil(name, timestamp) {
        const ms = timestamp instanceof Date ? timestamp.getTime() : Number(timestamp);
        if (!Number.isFinite(ms)) return Promise.reject(new TypeError("step.sleepUntil(): expected a Date or milliseconds"));
        return sleepUntil(name, ms);
      },
      async waitForEvent(name, options = {}) {
        if (typeof name !== "string" || name.length === 0) throw new TypeError("step.waitForEvent(): the wait needs a name");
        if (options === null || typeof options.type !== "string") throw new TypeError("step.waitForEvent(): options.type must be a string");
        const timeout = durationMs(options.timeout ?? "24 hours", "step.waitForEvent(" + JSON.stringify(name) + "): timeout");
        const json = await workflowCall((res, rej) => rt.wfWaitForEvent(name, options.type, timeout, res, rej));
        const ev = JSON.parse(json);
        return { type: ev.type, payload: internal.deserialize(ev.payload), timestamp: new Date(ev.timestamp) };
      },
    });
  }
  // Binding kinds served by other glue (capabilities.js): kind -> (envName, target) => binding.
  const bindingKinds = Object.create(null);

  // bindingsJson: {"NAME": "kind:target"}; varsJson: the manifest's vars.
  function makeEnv(bindingsJson, varsJson) {
    const env = varsJson ? JSON.parse(varsJson) : {};
    const bindings = JSON.parse(bindingsJson);
    for (const name of Object.keys(bindings)) {
      const [type, target] = bindings[name].split(":");
      if (type === "service") env[name] = serviceBinding(target);
      else if (type === "entity") env[name] = entityNamespace(target);
      else if (type === "workflow") env[name] = workflowBinding(target);
      else if (bindingKinds[type]) env[name] = bindingKinds[type](name, target);
      else throw new Error("binding " + name + ": " + type + " bindings are not served yet by this version of Cairn");
    }
    return Object.freeze(env);
  }

  function makeCtx(invocation) {
    return {
      waitUntil(promise) { rt.waitUntil(invocation, Promise.resolve(promise)); },
      passThroughOnException() {},
    };
  }

  function isEntrypointClass(h) {
    return typeof h === "function" && h.prototype !== undefined;
  }

  // A handler's value, converted for the host (parts of a Response, structured-clone text): a value
  // that cannot be converted rejects instead.
  function resolveWith(convert, resolve, reject) {
    return (v) => {
      let out;
      try { out = convert(v); } catch (e) { reject(e); return; }
      resolve(out);
    };
  }

  function responsePartsOf(value) {
    if (!(value instanceof Response)) {
      const what = value === null ? "null" : value === undefined ? "undefined" : (value.constructor && value.constructor.name) || typeof value;
      const e = new TypeError("fetch handler must return a Response, got " + what);
      e.cairnCode = "handler_invalid_response";
      throw e;
    }
    return internal.responseParts(value);
  }

  // ---- Durable entities: the instance side (this context runs an entity class)

  const liveEntities = new Map(); // id -> { obj, ready }

  // ctx.storage of the entity `hex`. Values are stored as structured-clone text (storage encoding v1).
  function entityStorage(hex) {
    const decode = (s) => (s === null || s === undefined ? undefined : internal.deserialize(s));
    const toMap = (flat) => {
      const m = new Map();
      for (let i = 0; i < flat.length; i += 2) m.set(flat[i], decode(flat[i + 1]));
      return m;
    };
    const checkKey = (k) => {
      if (typeof k !== "string") throw new TypeError("storage keys must be strings, got " + typeof k);
      return k;
    };
    const checkKeys = (keys) => Array.from(keys, checkKey);
    const read = (call) => new Promise((resolve, reject) => { call(resolve, reject); afterHostCall(); });
    const write = (error) => {
      afterHostCall();
      if (error) throw error;
    };
    const api = {
      get(keys) {
        try {
          if (Array.isArray(keys)) {
            const ks = checkKeys(keys);
            return read((res, rej) => rt.sGet(hex, ks, (flat) => res(toMap(flat)), rej));
          }
          const k = checkKey(keys);
          return read((res, rej) => rt.sGet(hex, k, (v) => res(decode(v)), rej));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      put(keyOrEntries, value) {
        try {
          let ks;
          let vs;
          if (typeof keyOrEntries === "object" && keyOrEntries !== null) {
            ks = Object.keys(keyOrEntries);
            vs = ks.map((k) => internal.serialize(keyOrEntries[k]));
          } else {
            ks = [checkKey(keyOrEntries)];
            if (value === undefined) throw new TypeError("put(): the value must not be undefined");
            vs = [internal.serialize(value)];
          }
          write(rt.sPut(hex, ks, vs));
          return Promise.resolve();
        } catch (e) {
          return Promise.reject(e);
        }
      },
      delete(keys) {
        try {
          if (Array.isArray(keys)) {
            const ks = checkKeys(keys);
            return read((res, rej) => rt.sDelete(hex, ks, res, rej));
          }
          const k = checkKey(keys);
          return read((res, rej) => rt.sDelete(hex, k, (n) => res(n > 0), rej));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      list(options = {}) {
        try {
          if (options === null || typeof options !== "object") throw new TypeError("list(): options must be an object");
          const str = (name) => {
            const v = options[name];
            if (v === undefined) return null;
            if (typeof v !== "string") throw new TypeError("list(): " + name + " must be a string");
            return v;
          };
          const prefix = str("prefix");
          let start = str("start");
          const startAfter = str("startAfter");
          if (startAfter !== null) {
            if (start !== null) throw new TypeError("list(): start and startAfter cannot both be set");
            start = startAfter + "\0"; // the first key after startAfter in UTF-16 order
          }
          const end = str("end");
          let limit = 0;
          if (options.limit !== undefined) {
            limit = Number(options.limit);
            if (!Number.isInteger(limit) || limit < 1) throw new TypeError("list(): limit must be a positive integer");
          }
          return read((res, rej) => rt.sList(hex, prefix, start, end, limit, options.reverse === true, (flat) => res(toMap(flat)), rej));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      deleteAll() {
        try {
          write(rt.sDeleteAll(hex));
          return Promise.resolve();
        } catch (e) {
          return Promise.reject(e);
        }
      },
      getAlarm() {
        return read((res, rej) => rt.sGetAlarm(hex, res, rej));
      },
      setAlarm(time) {
        try {
          const ms = time instanceof Date ? time.getTime() : time;
          if (typeof ms !== "number" || !Number.isFinite(ms)) {
            throw new TypeError("setAlarm(): expected a time in milliseconds since the epoch or a Date, got " + String(time));
          }
          write(rt.sSetAlarm(hex, Math.trunc(ms)));
          return Promise.resolve();
        } catch (e) {
          return Promise.reject(e);
        }
      },
      deleteAlarm() {
        try {
          write(rt.sSetAlarm(hex, null));
          return Promise.resolve();
        } catch (e) {
          return Promise.reject(e);
        }
      },
      sync() {
        return read((res, rej) => rt.sSync(hex, () => res(), rej));
      },
      async transaction(fn) {
        write(rt.sTx(hex, "begin"));
        let open = true;
        const end = (action) => {
          if (!open) return;
          open = false;
          write(rt.sTx(hex, action));
        };
        const txn = Object.create(api, { rollback: { value() { end("rollback"); } } });
        try {
          const result = await fn(txn);
          end("commit");
          return result;
        } catch (e) {
          end("rollback");
          throw e;
        }
      },
    };
    return Object.freeze(api);
  }

  function entityState(ns, hex, name) {
    const id = new DurableObjectId(ns, hex, name === null ? undefined : name);
    const state = {
      id,
      storage: entityStorage(hex),
      blockConcurrencyWhile(fn) {
        rt.entityBlock(hex, true);
        let p;
        try {
          p = Promise.resolve(fn());
        } catch (e) {
          p = Promise.reject(e);
        }
        const done = p.finally(() => rt.entityBlock(hex, false));
        const rec = liveEntities.get(hex);
        if (rec !== undefined) {
          const gate = done.then(() => {}, () => {});
          rec.ready = gate;
          gate.then(() => { if (rec.ready === gate) rec.ready = null; });
        }
        return done;
      },
      waitUntil(promise) { rt.waitUntilCurrent(Promise.resolve(promise)); },
      abort() {},
      getWebSockets() { return []; },
    };
    return state;
  }

  function entityInstance(klass, env, ns, hex, name) {
    let rec = liveEntities.get(hex);
    if (rec === undefined) {
      rec = { obj: null, ready: null };
      liveEntities.set(hex, rec);
      try {
        rec.obj = new klass(entityState(ns, hex, name), env);
      } catch (e) {
        liveEntities.delete(hex);
        throw e;
      }
    }
    return rec;
  }

  // Runs `call` once the instance is ready (its constructor's blockConcurrencyWhile has finished).
  function whenReady(rec, call) {
    return rec.ready === null ? call() : rec.ready.then(call);
  }

  function isReserved(obj, method) {
    return method === "constructor" || method.startsWith("_") || method === "fetch" || method === "alarm"
      || Object.prototype.hasOwnProperty.call(Object.prototype, method) || typeof obj[method] !== "function";
  }

  return {
    makeEnv,
    // For other glue: serve a binding kind, and the pieces a handler call needs.
    registerBinding(kind, make) { bindingKinds[kind] = make; },
    makeCtx,
    isEntrypointClass,
    noHandler,

    invokeEntityFetch(klass, env, invocation, ns, hex, name, method, url, headers, body, resolve, reject) {
      try {
        const request = internal.makeRequest(method, url, splitHeaders(headers), body);
        const rec = entityInstance(klass, env, ns, hex, name);
        Promise.resolve(whenReady(rec, () => {
          if (typeof rec.obj.fetch !== "function") throw noMethod(ns, "fetch");
          return rec.obj.fetch(request);
        })).then(resolveWith(responsePartsOf, resolve, reject), reject);
      } catch (e) {
        reject(e);
      }
    },

    invokeEntityRpc(klass, env, invocation, ns, hex, name, method, encodedArgs, resolve, reject) {
      try {
        const rec = entityInstance(klass, env, ns, hex, name);
        const args = internal.deserialize(encodedArgs);
        Promise.resolve(whenReady(rec, () => {
          if (isReserved(rec.obj, method)) {
            const e = new TypeError("RPC method not found on " + ns + ": " + method);
            e.cairnCode = "rpc_method_not_found";
            throw e;
          }
          return rec.obj[method](...args);
        })).then(resolveWith(internal.serialize, resolve, reject), reject);
      } catch (e) {
        reject(e);
      }
    },

    invokeEntityAlarm(klass, env, invocation, ns, hex, retryCount, resolve, reject) {
      try {
        const rec = entityInstance(klass, env, ns, hex, null);
        Promise.resolve(whenReady(rec, () => {
          if (typeof rec.obj.alarm !== "function") throw noMethod(ns, "alarm");
          return rec.obj.alarm({ retryCount, isRetry: retryCount > 0 });
        })).then(() => resolve(null), reject);
      } catch (e) {
        reject(e);
      }
    },

    // A run of a workflow instance: run(event, step) of a WorkflowEntrypoint class.
    invokeWorkflow(klass, env, invocation, eventJson, resolve, reject) {
      try {
        const ev = JSON.parse(eventJson);
        const event = { payload: internal.deserialize(ev.payload), timestamp: new Date(ev.timestamp), instanceId: ev.instanceId };
        const wf = new klass(makeCtx(invocation), env);
        if (typeof wf.run !== "function") {
          const e = new TypeError("the workflow class has no run(event, step) method");
          e.cairnCode = "handler_missing";
          throw e;
        }
        Promise.resolve(wf.run(event, makeStep())).then(resolveWith((v) => internal.serialize(v === undefined ? null : v), resolve, reject), reject);
      } catch (e) {
        reject(e);
      }
    },

    evictEntity(hex) {
      liveEntities.delete(hex);
    },

    // Calls the module's fetch handler; resolves with response parts.
    invokeFetch(handler, env, invocation, method, url, headers, body, resolve, reject) {
      try {
        const ctx = makeCtx(invocation);
        const request = internal.makeRequest(method, url, splitHeaders(headers), body);
        let result;
        if (isEntrypointClass(handler)) {
          const instance = new handler(ctx, env);
          if (typeof instance.fetch !== "function") throw noHandler("fetch");
          result = instance.fetch(request);
        } else {
          if (handler === null || typeof handler !== "object" || typeof handler.fetch !== "function") throw noHandler("fetch");
          result = handler.fetch(request, env, ctx);
        }
        Promise.resolve(result).then(resolveWith(responsePartsOf, resolve, reject), reject);
      } catch (e) {
        reject(e);
      }
    },

    invokeScheduled(handler, env, invocation, cron, scheduledTime, resolve, reject) {
      try {
        const ctx = makeCtx(invocation);
        const controller = { cron, scheduledTime, type: "scheduled", noRetry() {} };
        let result;
        if (isEntrypointClass(handler)) {
          const instance = new handler(ctx, env);
          if (typeof instance.scheduled !== "function") throw noHandler("scheduled");
          result = instance.scheduled(controller);
        } else {
          if (handler === null || typeof handler !== "object" || typeof handler.scheduled !== "function") throw noHandler("scheduled");
          result = handler.scheduled(controller, env, ctx);
        }
        Promise.resolve(result).then(() => resolve(null), reject);
      } catch (e) {
        reject(e);
      }
    },

    // JS RPC on a WorkerEntrypoint: a new instance per call, as in Workers.
    invokeRpc(handler, env, invocation, method, encodedArgs, resolve, reject) {
      try {
        if (!isEntrypointClass(handler)) {
          const e = new TypeError("RPC needs the service's default export to be a class extending WorkerEntrypoint");
          e.cairnCode = "rpc_not_supported";
          throw e;
        }
        const instance = new handler(makeCtx(invocation), env);
        const fn = instance[method];
        if (typeof fn !== "function" || method === "constructor" || method.startsWith("_")
            || Object.prototype.hasOwnProperty.call(Object.prototype, method)) {
          const e = new TypeError("RPC method not found: " + method);
          e.cairnCode = "rpc_method_not_found";
          throw e;
        }
        const args = internal.deserialize(encodedArgs);
        Promise.resolve(fn.apply(instance, args)).then(resolveWith(internal.serialize, resolve, reject), reject);
      } catch (e) {
        reject(e);
      }
    },

    // An Error raised by the host (limits, routing, network) with its stable code.
    makeError(code, message) {
      const e = new Error(message);
      e.cairnCode = code;
      return e;
    },

    // Uncaught error -> [code or "", name, message, stack] for the host's error response and log.
    describeError(e) {
      if (e instanceof Error) return [e.cairnCode || "", e.name || "Error", String(e.message), String(e.stack || "")];
      let text;
      try { text = typeof e === "string" ? e : JSON.stringify(e); } catch (_) { text = String(e); }
      return ["", "Error", "uncaught value: " + text, ""];
    },
  };

  function noMethod(ns, kind) {
    const e = new TypeError("the entity class " + ns + " has no " + kind + "() method");
    e.cairnCode = "handler_missing";
    return e;
  }

  function noHandler(kind) {
    const e = new TypeError("the module has no " + kind + " handler (export default { " + kind + "(...) { ... } })");
    e.cairnCode = "handler_missing";
    return e;
  }
})
