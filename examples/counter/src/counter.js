import { DurableObject } from "cloudflare:workers";

// One instance per page: a durable hit counter.
export class Counter extends DurableObject {
  async fetch(request) {
    const hits = ((await this.ctx.storage.get("hits")) ?? 0) + 1;
    await this.ctx.storage.put("hits", hits);
    return Response.json({ hits });
  }

  async peek() {
    return (await this.ctx.storage.get("hits")) ?? 0;
  }
}
