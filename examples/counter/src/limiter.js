import { DurableObject } from "cloudflare:workers";

// One instance per client: a fixed window of one minute. The window's start and count are durable,
// so a restart does not hand a client a fresh allowance; an alarm clears the window when it ends.
export class RateLimiter extends DurableObject {
  async take(perMinute) {
    const now = Date.now();
    let window = await this.ctx.storage.get("window");
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      await this.ctx.storage.setAlarm(now + 60_000);
    }
    if (window.count >= perMinute) {
      return { ok: false, retryAfterMs: window.start + 60_000 - now };
    }
    window.count++;
    await this.ctx.storage.put("window", window);
    return { ok: true, left: perMinute - window.count };
  }

  async alarm() {
    await this.ctx.storage.delete("window");
  }
}
