package dev.cairn.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.http.RequestData;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.Ports;
import dev.cairn.js.JsEngine;
import dev.cairn.server.AppRuntime;
import dev.cairn.server.RequestLog;
import dev.cairn.server.manifest.ManifestLoader;
import dev.cairn.server.ports.system.SystemClock;
import dev.cairn.server.ports.system.SystemEntropy;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated handler programs (random mixes of RPC, fetch by URL, console, timers, Promise.all, and
 * branches on Date.now() and Math.random()) are recorded live, then each replays identically; and
 * for each, one mutation of its code that changes what it does (reorder two calls, change an
 * argument, add a call, remove a call, branch on Date.now() the other way) is reported as a
 * divergence. Programs: {@code -Dcairn.replay.programs} (default 1000); seed: {@code -Dcairn.replay.seed}.
 */
class ReplayPropertyTest {
  @TempDir Path root;

  @Test
  void generatedProgramsReplayIdenticallyAndEveryMutationDiverges() throws Exception {
    long seed = Long.getLong("cairn.replay.seed", System.nanoTime());
    int programs = Integer.getInteger("cairn.replay.programs", 1000);
    Random random = new Random(seed);
    List<String> failures = new ArrayList<>();
    int identical = 0;
    int caught = 0;
    try (ThreadScheduler scheduler = new ThreadScheduler();
         JournalStore store = SqliteJournalStore.open(root.resolve("journal.db"), scheduler);
         JsEngine engine = new JsEngine()) {
      Ports ports = new Ports(SystemClock.INSTANCE, new SystemEntropy(), scheduler, (r, m, t) -> {
        throw new IllegalStateException("no network in this test");
      });
      RequestLog quiet = new RequestLog(true, new PrintStream(java.io.OutputStream.nullOutputStream()), ports.clock());
      for (int p = 0; p < programs; p++) {
        Program program = Program.generate(random);
        Path live = write(root.resolve("p" + p), program.source());
        AppRuntime app = AppRuntime.start(ManifestLoader.load(live), engine, ports, quiet, Optional.of(store));
        String id = app.newInvocationId();
        try {
          app.service("api").orElseThrow()
              .fetch(id, new RequestData("GET", "http://api/run", List.of(), new byte[0])).get();
        } finally {
          app.close();
        }
        waitStored(store, id);
        LocalReplayService replays = new LocalReplayService(live, store, engine, scheduler);
        var same = replays.replay(id, Optional.empty());
        if (same.identical()) identical++;
        else failures.add("program " + p + " did not replay identically: " + same + "\n" + program.source());

        Program.Mutation mutation = program.mutate(random);
        Path changed = write(root.resolve("p" + p + "m"), mutation.source());
        var report = replays.replay(id, Optional.of(changed));
        if (!report.identical() && report.error().isEmpty()) caught++;
        else failures.add("program " + p + ": mutation '" + mutation.kind() + "' not reported: " + report
            + "\n--- original\n" + program.source() + "\n--- mutated\n" + mutation.source());
      }
    }
    assertThat(failures).as("seed %d (rerun with -Dcairn.replay.seed=%d)", seed, seed).isEmpty();
    assertThat(identical).isEqualTo(programs);
    assertThat(caught).isEqualTo(programs);
  }

  private static void waitStored(JournalStore store, String id) throws InterruptedException {
    for (int i = 0; i < 500 && store.read(id).isEmpty(); i++) Thread.sleep(2);
  }

  private static Path write(Path dir, String api) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: prop
        services:
          api: { module: api.js, bindings: { CALC: { service: calc } }, limits: { contexts: 1 } }
          calc: { module: calc.js, limits: { contexts: 1 } }
        """);
    Files.writeString(dir.resolve("calc.js"), """
        import { WorkerEntrypoint } from "cloudflare:workers";
        export default class extends WorkerEntrypoint {
          async add(tag, a, b) { return a + b; }
          fetch(request) { return new Response(new URL(request.url).searchParams.get("v")); }
        }
        """);
    Files.writeString(dir.resolve("api.js"), api);
    return dir;
  }

  /** A generated handler: top-level steps always run; each has a unique tag so its calls are distinct. */
  record Program(List<String> steps) {
    static Program generate(Random r) {
      List<String> steps = new ArrayList<>();
      int n = 2 + r.nextInt(5);
      for (int i = 0; i < n; i++) steps.add(step(r, "s" + i, 0));
      return new Program(steps);
    }

    private static String step(Random r, String tag, int depth) {
      int kind = r.nextInt(depth > 0 ? 4 : 7);
      int k = r.nextInt(100);
      return switch (kind) {
        case 0 -> "x = await env.CALC.add(\"" + tag + "\", x, " + k + ");";
        case 1 -> "x = Number(await (await fetch(\"http://calc/echo?tag=" + tag + "&v=\" + (x + " + k + "))).text());";
        case 2 -> "console.log(\"" + tag + "\", x, " + k + ");";
        case 3 -> "await new Promise((done) => setTimeout(done, " + r.nextInt(3) + ")); console.log(\"" + tag + "-timer\", x);";
        case 4 -> "{ const [a, b] = await Promise.all([env.CALC.add(\"" + tag + "a\", x, " + k + "), env.CALC.add(\"" + tag
            + "b\", x, " + (k + 1) + ")]); x = a + b; }";
        case 5 -> "if (Date.now() % 2 === 0) { " + step(r, tag + "t", 1) + " } else { " + step(r, tag + "f", 1) + " }";
        default -> "if (Math.random() < 0.5) { " + step(r, tag + "h", 1) + " } else { " + step(r, tag + "l", 1) + " }";
      };
    }

    String source() {
      return source(steps);
    }

    static String source(List<String> steps) {
      return "export default {\n  async fetch(request, env) {\n    let x = 1;\n    "
          + String.join("\n    ", steps) + "\n    return Response.json({ x, t: Date.now(), r: Math.random() });\n  },\n};\n";
    }

    record Mutation(String kind, String source) {}

    /** One change that alters the host calls the program makes (every top-level step makes at least one). */
    Mutation mutate(Random r) {
      List<String> s = new ArrayList<>(steps);
      int i = r.nextInt(s.size());
      int kind = r.nextInt(5);
      if (kind == 4 && !s.get(i).startsWith("if (Date.now()")) kind = r.nextInt(4);
      switch (kind) {
        case 0 -> {
          if (s.size() < 2) return new Mutation("add a call", source(add(s, i)));
          int j = i == s.size() - 1 ? i - 1 : i + 1;
          String a = s.get(i);
          s.set(i, s.get(j));
          s.set(j, a);
          return new Mutation("reorder two calls", source(s));
        }
        case 1 -> {
          // every tag of the step (quoted or in a URL), in both arms of a branch: whichever runs changes
          s.set(i, s.get(i).replaceAll("(?<=[\"=])(s\\d+)", "$1z"));
          return new Mutation("change an argument", source(s));
        }
        case 2 -> {
          return new Mutation("add a call", source(add(s, i)));
        }
        case 3 -> {
          s.remove(i);
          return new Mutation("remove a call", source(s));
        }
        default -> {
          s.set(i, s.get(i).replace("Date.now() % 2 === 0", "Date.now() % 2 === 1"));
          return new Mutation("branch on Date.now() differently", source(s));
        }
      }
    }

    private static List<String> add(List<String> s, int i) {
      s.add(i, "console.log(\"added\", x);");
      return s;
    }
  }
}
