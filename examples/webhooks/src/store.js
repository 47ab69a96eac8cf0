// Keeps deliveries and the reporter's summaries in memory (one context, see cairn.yaml).
const deliveries = [];
const reports = [];

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/deliveries" && request.method === "POST") {
      deliveries.push(await request.json());
      return new Response(null, { status: 201 });
    }
    if (url.pathname === "/deliveries") return Response.json(deliveries);
    if (url.pathname === "/stats" && request.method === "POST") {
      reports.push(await request.json());
      return new Response(null, { status: 201 });
    }
    if (url.pathname === "/stats") return Response.json({ reports });
    return new Response("not found", { status: 404 });
  },
};
