// The bridge: messages published on chat.in.<room> (by anyone on the bus: another service, a NATS
// client, an MQTT device) become room messages; postMessage publishes each stored one on
// chat.out.<room> for the other direction.
import { ROOM, postMessage } from "./kv-rooms.js";

export default {
  async message(batch, env) {
    for (const msg of batch.messages) {
      const room = msg.subject.slice("chat.in.".length);
      const body = typeof msg.body === "string" ? safeJson(msg.body) : msg.body;
      if (!ROOM.test(room) || !body || typeof body.user !== "string" || typeof body.text !== "string") {
        console.warn("bridge: dropping a malformed message on " + msg.subject);
        msg.ack(); // retrying cannot make it well-formed
        continue;
      }
      await postMessage(env, room, body.user, body.text, "bus");
      msg.ack();
    }
  },
};

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch (_) {
    return null;
  }
}
