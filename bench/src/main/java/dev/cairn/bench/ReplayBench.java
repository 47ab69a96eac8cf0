// cairn:port-implementation — a benchmark harness outside the runtime: it reads the clock to time replays.
package dev.cairn.bench;

import dev.cairn.core.http.RequestData;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.JsEngine;
import dev.cairn.server.AppRuntime;
import dev.cairn.server.RequestLog;
import dev.cairn.server.journal.LocalReplayService;
import dev.cairn.server.manifest.ManifestLoader;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.ports.system.SystemEntropy;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Replay speed: records one invocation that makes {@code calls} host calls (RPC and console, half
 * each), then replays it repeatedly against its journal and prints journal entries replayed per
 * second (median of the timed rounds, after warm-up rounds). Run: {@code bench/replay.sh [calls] [rounds]}.
 */
public final class ReplayBench {
  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = Files.createTempDirectory("cairn-replay-bench");
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: replaybench
        services:
          api: { module: api.js, bindings: { CALC: { service: calc } }, limits: { contexts: 1, subrequestsMax: 100000 } }
          calc: { module: calc.js, limits: { contexts: 1 } }
        """);
    Files.writeString(dir.resolve("calc.js"), """
        import { WorkerEntrypoint } from "cloudflare:workers";
        export default class extends WorkerEntrypoint { async add(a, b) { return a + b; } }
        """);
    Files.writeString(dir.resolve("api.js"), """
        export default {
          async fetch(request, env) {
            let x = 0;
            for (let i = 0; i < %d; i++) { x = await env.CALC.add(x, i); console.log("step", i, x); }
            return Response.json({ x });
          },
        };
        """.formatted(calls / 2));
    try (ThreadScheduler scheduler = new ThreadScheduler();
         // under .cairn/ as in a real app: the journal is data, not code, and is not part of the code version
         JournalStore store = SqliteJournalStore.open(Files.createDirectories(dir.resolve(".cairn")).resolve("journal.db"), scheduler);
         JsEngine engine = new JsEngine()) {
      Ports ports = new Ports(SystemClock.INSTANCE, new SystemEntropy(), scheduler, (r, m, t) -> {
        throw new IllegalStateException("no network");
      });
      RequestLog quiet = new RequestLog(true, new PrintStream(java.io.OutputStream.nullOutputStream()), ports.clock());
      AppRuntime app = AppRuntime.start(ManifestLoader.load(dir), engine, ports, quiet, Optional.of(store));
      String id = app.newInvocationId();
      app.service("api").orElseThrow().fetch(id, new RequestData("GET", "http://api/", List.of(), new byte[0])).get();
      app.close();
      while (store.read(id).isEmpty()) Thread.sleep(5);
      int entries = Journal.fromEncoded(store.read(id)).size();
      LocalReplayService replays = new LocalReplayService(dir, store, engine, scheduler);
      List<Double> perSecond = new ArrayList<>();
      // Warm up by time, not by rounds: on 2 cores the Graal compiler needs tens of seconds to
      // work through its queue, and a replay measured before that measures the interpreter.
      long warmupNs = Long.getLong("cairn.bench.warmupS", 25) * 1_000_000_000L;
      long warmStart = SystemClock.INSTANCE.monotonicNs();
      int warmups = 0;
      while (SystemClock.INSTANCE.monotonicNs() - warmStart < warmupNs) {
        if (!replays.replay(id, Optional.empty()).identical()) throw new IllegalStateException("replay diverged in warm-up");
        warmups++;
      }
      for (int r = 0; r < rounds; r++) {
        long t0 = SystemClock.INSTANCE.monotonicNs();
        var report = replays.replay(id, Optional.empty());
        double seconds = (SystemClock.INSTANCE.monotonicNs() - t0) / 1e9;
        if (!report.identical()) throw new IllegalStateException("replay diverged: " + report);
        perSecond.add(entries / seconds);
      }
      Collections.sort(perSecond);
      System.out.printf("RESULT replay entries=%d warmups=%d rounds=%d median_entries_per_s=%.0f min=%.0f max=%.0f engine=%s%n", entries,
          warmups, rounds, perSecond.get(perSecond.size() / 2), perSecond.getFirst(), perSecond.getLast(), engine.mode());
    }
  }
}
