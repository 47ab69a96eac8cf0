import { DurableObject } from "cloudflare:workers";

const KEEP = 50; // messages a room keeps

// One chat room. Storage: "members" (a Set), "seq" (the last message number), "msg:<seq>" per message.
export class ChatRoom extends DurableObject {
  async fetch(request) {
    const url = new URL(request.url);
    const what = url.pathname.split("/")[3];
    const body = request.method === "POST" ? await request.json().catch(() => null) : null;
    if (request.method === "POST" && (body === null || typeof body.user !== "string" || body.user === "")) {
      return Response.json({ error: "bad_request", message: "expected a JSON body with a user" }, { status: 400 });
    }
    if (what === "join" && request.method === "POST") return Response.json({ members: await this.join(body.user) });
    if (what === "leave" && request.method === "POST") return Response.json({ members: await this.leave(body.user) });
    if (what === "messages" && request.method === "POST") {
      if (typeof body.text !== "string" || body.text.length === 0 || body.text.length > 2000) {
        return Response.json({ error: "bad_request", message: "text must be 1 to 2000 characters" }, { status: 400 });
      }
      const members = (await this.ctx.storage.get("members")) ?? new Set();
      if (!members.has(body.user)) return Response.json({ error: "not_a_member", message: body.user + " has not joined" }, { status: 403 });
      return Response.json(await this.post(body.user, body.text), { status: 201 });
    }
    if (what === "messages") return Response.json({ messages: await this.history(Number(url.searchParams.get("after") ?? 0)) });
    if (what === undefined) {
      const members = (await this.ctx.storage.get("members")) ?? new Set();
      return Response.json({ members: [...members].sort(), messages: (await this.ctx.storage.get("seq")) ?? 0 });
    }
    return Response.json({ error: "not_found" }, { status: 404 });
  }

  async join(user) {
    const members = (await this.ctx.storage.get("members")) ?? new Set();
    members.add(user);
    await this.ctx.storage.put("members", members);
    return [...members].sort();
  }

  async leave(user) {
    const members = (await this.ctx.storage.get("members")) ?? new Set();
    members.delete(user);
    await this.ctx.storage.put("members", members);
    return [...members].sort();
  }

  // The message and the trim of the oldest one are one atomic batch: no await of anything but storage.
  async post(user, text) {
    const seq = ((await this.ctx.storage.get("seq")) ?? 0) + 1;
    const message = { seq, user, text, at: new Date() };
    await this.ctx.storage.put({ seq, ["msg:" + String(seq).padStart(12, "0")]: message });
    if (seq > KEEP) await this.ctx.storage.delete("msg:" + String(seq - KEEP).padStart(12, "0"));
    return { seq };
  }

  async history(after) {
    const start = "msg:" + String(after + 1).padStart(12, "0");
    const list = await this.ctx.storage.list({ prefix: "msg:", start });
    return [...list.values()].map((m) => ({ ...m, at: m.at.toISOString() }));
  }
}
