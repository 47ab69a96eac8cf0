// Receives a webhook, checks its signature (sha256 of secret + body, hex), and hands it to the
// store service by URL: the host "store" names a service of this app, so the call stays in-process.
async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const source = url.pathname.split("/")[2];
    if (request.method !== "POST" || !source) {
      return Response.json({ error: { code: "bad_request", message: "POST /webhooks/<source>" } }, { status: 400 });
    }
    const body = await request.text();
    const expected = await sha256Hex(env.SECRET + body);
    if (request.headers.get("x-signature") !== expected) {
      return Response.json({ error: { code: "bad_signature", message: "x-signature does not match" } }, { status: 401 });
    }
    const stored = await fetch("http://store/deliveries", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source, body, receivedAt: Date.now() }),
    });
    return new Response(null, { status: stored.ok ? 202 : 502 });
  },
};
