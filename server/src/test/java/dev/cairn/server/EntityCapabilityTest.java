package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entity classes bind capabilities as services do: a Durable Object keeping its log in a kv capability. */
class EntityCapabilityTest {
  @TempDir Path dir;

  @Test
  void anEntityUsesAKvBinding() {
    try (TestApp app = TestApp.start(dir, TestApp.files("cairn.yaml", """
        app: entcaps
        capabilities:
          cache: { contract: kv }
        entities:
          Room: { module: room.js, class: Room, bindings: { KV: { kv: cache } } }
        services:
          api: { module: api.js, routes: ["/*"], bindings: { ROOMS: { entity: Room }, KV: { kv: cache } } }
        """, "room.js", """
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch(request) {
            const n = await this.env.KV.increment("room:" + new URL(request.url).pathname);
            return new Response(String(n));
          }
        }
        """, "api.js", """
        export default {
          async fetch(request, env) {
            const stub = env.ROOMS.getByName("lobby");
            await stub.fetch("http://room/lobby");
            const r = await stub.fetch("http://room/lobby");
            return new Response((await r.text()) + " " + (await env.KV.get("room:/lobby")));
          },
        };
        """))) {
      var r = app.get("/");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("2 2");
    }
  }
}
