// Park benchmark driver (node >= 20, no dependencies); see park.sh.
//   node park.mjs start --n N [--conc 32] [--from 0]   creates instances p-<from>..p-<n-1>
//   node park.mjs waiting --n N [--max 3600]          until every instance's status is "waiting" (parked)
//   node park.mjs drain --n N [--conc 32]             approves each and checks its result is 6
// Prints one "RESULT ..." line per mode.
import http from "node:http";

const [, , mode, ...rest] = process.argv;
const opt = { n: 1000, conc: 32, from: 0, max: 3600, port: Number(process.env.CAIRN_PORT ?? 8795) };
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, "")] = Number(rest[i + 1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: opt.conc * 2 });

function req(method, path) {
  return new Promise((resolve, reject) => {
    const r = http.request({ method, host: "127.0.0.1", port: opt.port, path, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) return reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`));
        resolve(JSON.parse(text));
      });
    });
    r.setTimeout(60000, () => r.destroy(new Error(`timeout ${method} ${path}`)));
    r.on("error", reject);
    r.end();
  });
}

async function forEach(fn) {
  let next = opt.from, ok = 0, errors = 0, firstErr = null;
  const t0 = performance.now();
  let lastReport = t0;
  await Promise.all(Array.from({ length: opt.conc }, async () => {
    while (next < opt.n) {
      const i = next++;
      try { await fn(`p-${i}`); ok++; } catch (e) { errors++; firstErr ??= e.message; if (errors > 1000) return; }
      const now = performance.now();
      if (now - lastReport > 30000) { lastReport = now; console.error(`  ${mode}: ${ok} done, ${errors} errors, ${((now - t0) / 1000).toFixed(0)} s`); }
    }
  }));
  return { ok, errors, firstErr, secs: (performance.now() - t0) / 1000 };
}

const err = (r) => (r.firstErr ? ` first_error="${r.firstErr.replace(/"/g, "'")}"` : "");
if (mode === "start") {
  const r = await forEach((id) => req("POST", `/wf/start/${id}`));
  console.log(`RESULT mode=start n=${opt.n - opt.from} started=${r.ok} secs=${r.secs.toFixed(1)} starts_per_s=${(r.ok / r.secs).toFixed(1)} errors=${r.errors}${err(r)}`);
} else if (mode === "waiting") {
  // Sweep every instance's status; keep re-asking the ones not parked yet until none is left.
  const t0 = performance.now();
  let pending = Array.from({ length: opt.n - opt.from }, (_, k) => `p-${opt.from + k}`);
  const failed = [];
  let sweeps = 0;
  while (pending.length > 0 && (performance.now() - t0) / 1000 < opt.max) {
    const notYet = [];
    let next = 0;
    await Promise.all(Array.from({ length: opt.conc }, async () => {
      while (next < pending.length) {
        const id = pending[next++];
        const { status } = await req("GET", `/wf/status/${id}`);
        if (status === "errored" || status === "terminated" || status === "complete") failed.push(`${id}:${status}`);
        else if (status !== "waiting") notYet.push(id);
      }
    }));
    sweeps++;
    pending = notYet;
    if (pending.length > 0) {
      console.error(`  waiting: ${pending.length} not parked yet after sweep ${sweeps}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const parked = opt.n - opt.from - pending.length - failed.length;
  console.log(`RESULT mode=waiting n=${opt.n - opt.from} parked=${parked} not_parked=${pending.length} failed=${failed.length} sweeps=${sweeps} secs=${((performance.now() - t0) / 1000).toFixed(1)}${failed.length ? ` first_failed=${failed[0]}` : ""}`);
  if (pending.length > 0 || failed.length > 0) process.exitCode = 1;
} else if (mode === "drain") {
  const r = await forEach(async (id) => {
    await req("POST", `/wf/approve/${id}`);
    const out = await req("GET", `/wf/result/${id}`);
    if (out.output !== 6) throw new Error(`${id}: output ${JSON.stringify(out)}`);
  });
  console.log(`RESULT mode=drain n=${opt.n - opt.from} completed=${r.ok} secs=${r.secs.toFixed(1)} wf_per_s=${(r.ok / r.secs).toFixed(1)} errors=${r.errors}${err(r)}`);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
agent.destroy();
process.exit(process.exitCode ?? 0);
