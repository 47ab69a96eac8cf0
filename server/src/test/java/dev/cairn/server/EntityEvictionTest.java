package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.entity.EntityIds;
import dev.cairn.js.EntityRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node keeps a bounded number of live entities: touching many more than {@code instancesMax}
 * (or than {@code cacheBytesMax} of values) evicts the least recently used idle ones, and an
 * evicted entity comes back with its storage intact. (The heap itself is measured by
 * bench/entities-memory.sh: 100,000 entities, see docs/benchmarks.md.)
 */
class EntityEvictionTest {
  @TempDir Path dir;

  @Test
  void manyEntitiesStayWithinTheInstanceAndCacheLimitsAndKeepTheirState() throws Exception {
    try (TestApp app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: eviction
            services:
              api: { module: api.js }
            entities:
              Thing: { module: thing.js, class: Thing, instances: { instancesMax: 200, cacheBytesMax: "256KB", idleMs: 60000 } }
            """,
        "api.js", "export default { fetch() { return new Response('ok'); } };",
        "thing.js", """
            import { DurableObject } from "cloudflare:workers";
            export class Thing extends DurableObject {
              async touch(i) {
                this.constructed ??= 0;
                this.constructed++;
                const before = await this.ctx.storage.get("v");
                await this.ctx.storage.put("v", { i, pad: "x".repeat(2000), seen: (before?.seen ?? 0) + 1 });
                return { seen: (before?.seen ?? 0) + 1, constructed: this.constructed };
              }
            }
            """))) {
      EntityRuntime things = app.server.appRuntime().entity("Thing").orElseThrow();
      int n = 3_000;
      long maxLive = 0;
      List<CompletableFuture<String>> window = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        window.add(things.rpc(app.server.appRuntime().newInvocationId(), EntityIds.fromName("Thing", "t" + i), "t" + i, "touch", "J[" + i + "]"));
        if (window.size() == 32) {
          CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
          window.clear();
          maxLive = Math.max(maxLive, things.liveInstances());
        }
      }
      CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
      for (int i = 0; i < 100 && (things.liveInstances() > 200 || things.cachedBytes() > 256 * 1024); i++) Thread.sleep(20);
      // bounded while touching (a sweep runs as soon as a creation passes the limit) and after
      assertThat(maxLive).isLessThan(200 + 64);
      assertThat(things.liveInstances()).isLessThanOrEqualTo(200);
      assertThat(things.cachedBytes()).isLessThanOrEqualTo(256 * 1024);
      // the first entity was evicted long ago: it is re-created, its storage intact
      String again = things.rpc(app.server.appRuntime().newInvocationId(), EntityIds.fromName("Thing", "t0"), "t0", "touch", "J[0]").join();
      assertThat(again).isEqualTo("J{\"seen\":2,\"constructed\":1}");
    }
  }
}
