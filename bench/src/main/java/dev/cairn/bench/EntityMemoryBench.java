// cairn:port-implementation — a benchmark harness outside the runtime: it reads the clock and sleeps to time and settle.
package dev.cairn.bench;

import dev.cairn.js.EntityRuntime;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The memory of entities: touches N entities once each (one RPC that writes one small value), then
 * reports the heap after a full GC — with the instances live, then once the class's limits and idle
 * eviction have done their work — against the heap before any entity existed, and the class's
 * {@code cacheBytesMax}. Run: {@code bench/entities-memory.sh [n=100000] [instancesMax=10000]}.
 */
public final class EntityMemoryBench {
  private EntityMemoryBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int instancesMax = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path dir = Files.createTempDirectory("cairn-entity-memory");
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: memory
        services:
          api: { module: api.js }
        entities:
          Thing: { module: thing.js, class: Thing, instances: { instancesMax: %d, idleMs: 5000 } }
        """.formatted(instancesMax));
    Files.writeString(dir.resolve("api.js"), "export default { fetch() { return new Response('ok'); } };");
    Files.writeString(dir.resolve("thing.js"), """
        import { DurableObject } from "cloudflare:workers";
        export class Thing extends DurableObject {
          async touch(i) { await this.ctx.storage.put("v", { i, at: Date.now() }); return i; }
        }
        """);
    try (CairnServer server = CairnServer.start(ServerOptions.of(dir, 0, false))) {
      EntityRuntime things = server.appRuntime().entity("Thing").orElseThrow();
      long base = heapAfterGc();
      long t0 = System.nanoTime();
      List<CompletableFuture<String>> window = new ArrayList<>();
      long maxLive = 0;
      for (int i = 0; i < n; i++) {
        String id = dev.cairn.core.entity.EntityIds.fromName("Thing", "t" + i);
        window.add(things.rpc(server.appRuntime().newInvocationId(), id, "t" + i, "touch", "J[" + i + "]"));
        if (window.size() == 64) {
          CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
          window.clear();
          maxLive = Math.max(maxLive, things.liveInstances());
        }
      }
      CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long live = things.liveInstances();
      long afterTouch = heapAfterGc();
      // the idle sweep evicts everything once idleMs has passed
      for (int i = 0; i < 100 && things.liveInstances() > 0; i++) Thread.sleep(200);
      long afterIdle = heapAfterGc();
      long cacheMax = things.spec().instances().cacheBytesMax();
      System.out.printf("RESULT entities=%d in %.1f s (%.0f/s) instancesMax=%d maxLive=%d liveAtEnd=%d liveAfterIdle=%d%n",
          n, seconds, n / seconds, instancesMax, maxLive, live, things.liveInstances());
      System.out.printf("RESULT heap_base_mib=%.1f heap_after_touch_mib=%.1f heap_after_idle_mib=%.1f"
              + " over_base_after_touch_mib=%.1f over_base_after_idle_mib=%.1f cacheBytesMax_mib=%.1f under_limit=%s%n",
          mib(base), mib(afterTouch), mib(afterIdle), mib(afterTouch - base), mib(afterIdle - base), mib(cacheMax),
          afterTouch - base <= cacheMax);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024);
  }
}
