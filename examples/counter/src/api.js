// GET  /hits/<page>       count a visit of <page> and answer the new total
// GET  /hits/<page>/peek  the total, without counting (RPC to the entity)
// POST /limited/<client>  a request admitted by the rate limiter, or 429
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const [, route, key, extra] = url.pathname.split("/");
    if (route === "hits" && key) {
      const stub = env.COUNTERS.get(env.COUNTERS.idFromName("page:/" + key));
      if (extra === "peek") return Response.json({ page: key, hits: await stub.peek() });
      return stub.fetch(request);
    }
    if (route === "limited" && key && request.method === "POST") {
      const limiter = env.LIMITER.get(env.LIMITER.idFromName(key));
      const verdict = await limiter.take(Number(env.REQUESTS_PER_MINUTE));
      if (!verdict.ok) {
        return Response.json({ error: "slow down", retryAfterMs: verdict.retryAfterMs }, { status: 429 });
      }
      return Response.json({ ok: true, left: verdict.left });
    }
    return new Response("not found", { status: 404 });
  },
};
