// POST /docs/<id>/approval           start the approval of a document (its instance id is "doc-<id>")
// POST /approvals/<instance>/votes   body {"by": "...", "ok": true}
// GET  /approvals/<instance>         its status (and outcome)
// GET  /mail                         what the mail stub sent
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean);
    try {
      if (parts[0] === "docs" && parts[2] === "approval" && request.method === "POST") {
        const params = { id: parts[1], ...Object.fromEntries(url.searchParams) };
        const instance = await env.APPROVALS.create({ id: "doc-" + parts[1], params });
        return Response.json({ id: instance.id }, { status: 201 });
      }
      if (parts[0] === "approvals" && parts[1]) {
        const instance = await env.APPROVALS.get(parts[1]);
        if (parts[2] === "votes" && request.method === "POST") {
          await instance.sendEvent({ type: "vote", payload: await request.json() });
          return Response.json({ ok: true }, { status: 202 });
        }
        return Response.json(await instance.status());
      }
      if (parts[0] === "mail") return env.MAIL.fetch("http://mail/sent");
      return Response.json({ error: "not_found" }, { status: 404 });
    } catch (e) {
      const status = e.cairnCode === "workflow_instance_not_found" ? 404 : e.cairnCode === "workflow_instance_exists" ? 409 : 400;
      return Response.json({ error: e.cairnCode || "bad_request", message: e.message }, { status });
    }
  },
};
