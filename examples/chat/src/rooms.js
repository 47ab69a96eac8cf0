// HTTP API of the chat rooms:
//   GET  /rooms                          room names
//   POST /rooms/<room>/messages          {"user","text"} -> the stored message (201)
//   GET  /rooms/<room>/messages?after=N  messages after number N (at most 100)
//   POST /rooms/<room>/relay             {"user","text"} -> published on chat.in.<room>, as any
//                                        other publisher on the bus would; the bridge stores it
import { ROOM, listRooms, messagesAfter, postMessage } from "./kv-rooms.js";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean); // ["rooms", room, what]
    if (parts.length === 1 && request.method === "GET") return Response.json({ rooms: await listRooms(env) });
    const [, room, what] = parts;
    if (!room || !ROOM.test(room)) return Response.json({ error: "bad_room" }, { status: 400 });
    if (what === "messages" && request.method === "POST") {
      const { user, text } = await request.json();
      try {
        return Response.json(await postMessage(env, room, user, text, "http"), { status: 201 });
      } catch (e) {
        if (e.retryable) return Response.json({ error: e.code, retryable: true }, { status: 503, headers: { "retry-after": "1" } });
        return Response.json({ error: e.message }, { status: 400 });
      }
    }
    if (what === "messages" && request.method === "GET") {
      const after = Number(url.searchParams.get("after") ?? 0);
      return Response.json({ room, messages: await messagesAfter(env, room, after, 100) });
    }
    if (what === "relay" && request.method === "POST") {
      const { user, text } = await request.json();
      await env.BUS.publish("chat.in." + room, { user, text });
      return new Response(null, { status: 202 });
    }
    return Response.json({ error: "not_found" }, { status: 404 });
  },
};
