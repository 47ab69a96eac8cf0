// A JSON API in Workers module syntax: a table of routes, JSON in and out, errors as JSON.
const notes = new Map(); // per-context memory (one context, see cairn.yaml): fine for a demo, gone on restart

const routes = [
  ["GET", /^\/$/, () => Response.json({ service: "hello", try: ["/hello/world", "/api/notes", "/api/time"] })],
  ["GET", /^\/hello\/([^/]+)$/, (req, env, [name]) =>
    Response.json({ message: `${env.GREETING}, ${decodeURIComponent(name)}!` })],
  ["GET", /^\/api\/time$/, () => Response.json({ now: new Date().toISOString() })],
  ["GET", /^\/api\/notes$/, () => Response.json([...notes.values()])],
  ["POST", /^\/api\/notes$/, async (req) => {
    let body;
    try {
      body = await req.json();
    } catch {
      return Response.json({ error: { code: "bad_json", message: "body must be JSON" } }, { status: 400 });
    }
    if (typeof body.text !== "string" || body.text.length === 0) {
      return Response.json({ error: { code: "bad_note", message: "text must be a non-empty string" } }, { status: 400 });
    }
    const note = { id: crypto.randomUUID(), text: body.text };
    notes.set(note.id, note);
    return Response.json(note, { status: 201, headers: { location: `/api/notes/${note.id}` } });
  }],
  ["GET", /^\/api\/notes\/([^/]+)$/, (req, env, [id]) =>
    notes.has(id) ? Response.json(notes.get(id))
      : Response.json({ error: { code: "not_found", message: `no note ${id}` } }, { status: 404 })],
];

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    for (const [method, pattern, handle] of routes) {
      const m = pathname.match(pattern);
      if (m && request.method === method) return handle(request, env, m.slice(1));
    }
    return Response.json({ error: { code: "not_found", message: `${request.method} ${pathname}` } }, { status: 404 });
  },
};
