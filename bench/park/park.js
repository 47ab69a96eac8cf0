// The peers' W3 workflow (peers/cairn/wf.js) with a lighter side channel for a million instances: the
// peers' /wf/stats keeps every step sample and every waiting id in memory, which at this scale would
// be the benchmark measuring itself. Here the driver asks each instance's status instead (a module
// global would not do: each JS context of the pool has its own).
//   POST /wf/start/<id>    create            POST /wf/approve/<id>  sendEvent("approve")
//   GET  /wf/result/<id>   status() until complete (polls every 20 ms)
//   GET  /wf/status/<id>   {"status": ...}: "waiting" once the run parked at the wait
import { WorkflowEntrypoint } from "cloudflare:workers";

export class BenchWorkflow extends WorkflowEntrypoint {
  async run(event, step) {
    const a = await step.do("s1", async () => 1);
    const b = await step.do("s2", async () => 2);
    const c = await step.do("s3", async () => 3);
    const ev = await step.waitForEvent("approve", { type: "approve", timeout: "7 days" });
    return await step.do("s4", async () => a + b + c + (ev.payload?.x ?? 0));
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const [, , op, id] = url.pathname.split("/");
    if (op === "start" && request.method === "POST") return Response.json({ id: (await env.BENCH.create({ id, params: {} })).id });
    if (op === "approve" && request.method === "POST") {
      await (await env.BENCH.get(id)).sendEvent({ type: "approve", payload: { x: 0 } });
      return Response.json({ ok: true });
    }
    if (op === "result") {
      const inst = await env.BENCH.get(id);
      for (let i = 0; i < 900; i++) {
        const st = await inst.status();
        if (st.status === "complete") return Response.json({ output: st.output });
        if (st.status === "errored" || st.status === "terminated") return Response.json(st, { status: 500 });
        await new Promise((r) => setTimeout(r, 20));
      }
      return Response.json({ error: "not complete after 18 s" }, { status: 504 });
    }
    if (op === "ping") return Response.json({ ok: true });
    if (op === "status") return Response.json({ status: (await (await env.BENCH.get(id)).status()).status });
    return new Response("not found", { status: 404 });
  },
};
