import { DurableObject } from "cloudflare:workers";

// A mail service stub: records what it was asked to send, once per idempotency key.
export default {
  async fetch(request, env) {
    const outbox = env.OUTBOX.get(env.OUTBOX.idFromName("all"));
    const url = new URL(request.url);
    if (url.pathname === "/send" && request.method === "POST") return Response.json(await outbox.send(await request.json()));
    if (url.pathname === "/sent") return Response.json(await outbox.sent());
    return new Response("not found", { status: 404 });
  },
};

export class Outbox extends DurableObject {
  async send(mail) {
    if (await this.ctx.storage.get("key:" + mail.key)) return { duplicate: true };
    const n = ((await this.ctx.storage.get("count")) ?? 0) + 1;
    await this.ctx.storage.put({ count: n, ["key:" + mail.key]: true, ["mail:" + String(n).padStart(6, "0")]: mail });
    return { sent: n };
  }

  async sent() {
    return [...(await this.ctx.storage.list({ prefix: "mail:" })).values()];
  }
}
