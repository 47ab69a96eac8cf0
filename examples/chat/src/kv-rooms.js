// Rooms and their messages through the kv contract only (env.KV): no product is named here.
//   rooms:<room>               -> { name, createdAt }         (created once, with compareAndSet)
//   room:<room>:seq            -> the last message number     (an atomic counter)
//   room:<room>:msg:<00000042> -> { id, user, text, at, via } (zero-padded: list order is number order)
// Every stored message is also published to chat.out.<room>, the bridge's outgoing side.

export const ROOM = /^[a-z0-9-]{1,40}$/;
const PAGE_MAX = 100;

function pad(n) {
  return String(n).padStart(8, "0");
}

export async function ensureRoom(env, room) {
  await env.KV.compareAndSet("rooms:" + room, null, JSON.stringify({ name: room, createdAt: Date.now() }));
}

export async function postMessage(env, room, user, text, via) {
  if (!ROOM.test(room)) throw new RangeError("room names are 1-40 of a-z, 0-9 and -");
  if (typeof user !== "string" || typeof text !== "string" || !user || !text) throw new TypeError("user and text are required strings");
  await ensureRoom(env, room);
  const id = await env.KV.increment("room:" + room + ":seq");
  const message = { id, user, text: text.slice(0, 2000), at: Date.now(), via };
  await env.KV.put("room:" + room + ":msg:" + pad(id), JSON.stringify(message));
  await env.BUS.publish("chat.out." + room, message);
  return message;
}

export async function listRooms(env) {
  const out = [];
  let cursor;
  do {
    const page = await env.KV.list({ prefix: "rooms:", cursor });
    for (const k of page.keys) out.push(k.name.slice("rooms:".length));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

export async function messagesAfter(env, room, after, limit) {
  const prefix = "room:" + room + ":msg:";
  const want = Math.min(limit, PAGE_MAX);
  const names = [];
  let cursor;
  do {
    const page = await env.KV.list({ prefix, cursor, limit: PAGE_MAX });
    for (const k of page.keys) if (Number(k.name.slice(prefix.length)) > after && names.length < want) names.push(k.name);
    cursor = page.list_complete || names.length >= want ? undefined : page.cursor;
  } while (cursor);
  return Promise.all(names.map((n) => env.KV.get(n, "json")));
}
