// The entity-backed rooms:
//   POST /live/<room>/join     {"user":"ada"}        -> the room's members
//   POST /live/<room>/leave    {"user":"ada"}
//   POST /live/<room>/messages {"user":"ada","text":"hi"}  (members only)
//   GET  /live/<room>/messages?after=<seq>           -> the last messages (up to 50), oldest first
//   GET  /live/<room>                                -> members and message count
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const [, , room, what] = url.pathname.split("/");
    if (!room) return Response.json({ error: "bad_request", message: "no room in the path" }, { status: 400 });
    const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
    return stub.fetch(request);
  },
};
