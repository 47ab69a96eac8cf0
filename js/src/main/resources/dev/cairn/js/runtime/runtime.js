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

  // A service binding: fetch plus JS RPC, both in-process.
  function serviceBinding(name) {
    const target = {
      fetch(input, init) {
        return fetchVia((...args) => rt.serviceFetch(name, ...args), input, init);
      },
    };
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
            rt.rpc(name, prop, encoded, (s) => resolve(internal.deserialize(s)), reject);
            afterHostCall();
          });
        };
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

  function responsePartsOf(value) {
    if (!(value instanceof Response)) {
      const what = value === null ? "null" : value === undefined ? "undefined" : (value.constructor && value.constructor.name) || typeof value;
      const e = new TypeError("fetch handler must return a Response, got " + what);
      e.cairnCode = "handler_invalid_response";
      throw e;
    }
    return internal.responseParts(value);
  }

  return {
    makeEnv,
    // For other glue: serve a binding kind, and the pieces a handler call needs.
    registerBinding(kind, make) { bindingKinds[kind] = make; },
    makeCtx,
    isEntrypointClass,
    noHandler,

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
        Promise.resolve(result).then((v) => {
          let parts;
          try { parts = responsePartsOf(v); } catch (e) { reject(e); return; }
          resolve(parts);
        }, reject);
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
        Promise.resolve(fn.apply(instance, args)).then((v) => {
          let s;
          try { s = internal.serialize(v); } catch (e) { reject(e); return; }
          resolve(s);
        }, reject);
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

  function noHandler(kind) {
    const e = new TypeError("the module has no " + kind + " handler (export default { " + kind + "(...) { ... } })");
    e.cairnCode = "handler_missing";
    return e;
  }
})
