package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handler code reaches nothing but the Host; time and randomness are the invocation's. */
class SandboxTest {
  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: sandbox
            services:
              api: { module: src/api.js, routes: ["/probe", "/time", "/random", "/escape", "/text", "/json"] }
            """,
        "src/api.js", """
            import greeting from "./greeting.txt";
            import data from "./data.json" with { type: "json" };
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/probe") {
                  return Response.json({
                    Java: typeof Java, Polyglot: typeof Polyglot, WeakRef: typeof WeakRef,
                    FinalizationRegistry: typeof FinalizationRegistry, SharedArrayBuffer: typeof SharedArrayBuffer,
                    Atomics: typeof Atomics, load: typeof load, print: typeof print, Graal: typeof Graal,
                    process: typeof process, require: typeof require,
                  });
                }
                if (path === "/time") {
                  const a = Date.now();
                  let x = 0; for (let i = 0; i < 2e6; i++) x += i;   // burn a few ms
                  const b = Date.now();
                  await new Promise((r) => setTimeout(r, 15));
                  const c = Date.now();
                  return Response.json({ same: a === b, advanced: c > b, date: new Date().getTime() === c });
                }
                if (path === "/random") return Response.json([Math.random(), Math.random()]);
                if (path === "/escape") {
                  try { await import("../../outside.js"); return new Response("escaped"); }
                  catch (e) { return new Response("blocked: " + e.message); }
                }
                if (path === "/text") return new Response(greeting);
                if (path === "/json") return Response.json(data);
                return new Response("?");
              },
            };
            """,
        "src/greeting.txt", "hello \"text\" module\n",
        "src/data.json", "{\"answer\": 42}",
        "outside.js", "export default 1;"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void noHostAccessNoThreadsNoWeakRefs() {
    assertThat(app.get("/probe").body()).isEqualTo("{\"Java\":\"undefined\",\"Polyglot\":\"undefined\",\"WeakRef\":\"undefined\","
        + "\"FinalizationRegistry\":\"undefined\",\"SharedArrayBuffer\":\"undefined\",\"Atomics\":\"undefined\","
        + "\"load\":\"undefined\",\"print\":\"undefined\",\"Graal\":\"undefined\",\"process\":\"undefined\",\"require\":\"undefined\"}");
  }

  @Test
  void dateDoesNotTickWhileCodeRunsAndAdvancesAtHostCalls() {
    assertThat(app.get("/time").body()).isEqualTo("{\"same\":true,\"advanced\":true,\"date\":true}");
  }

  @Test
  void randomnessDiffersBetweenInvocations() {
    String a = app.get("/random").body();
    String b = app.get("/random").body();
    assertThat(a).isNotEqualTo(b);
    assertThat(a).matches("\\[0\\.\\d+,0\\.\\d+\\]");
  }

  @Test
  void importsOutsideTheAppFolderAreBlocked() {
    // ../../ from src/ leaves the app folder
    assertThat(app.get("/escape").body()).startsWith("blocked: ");
  }

  @Test
  void textAndJsonModulesImport() {
    assertThat(app.get("/text").body()).isEqualTo("hello \"text\" module\n");
    assertThat(app.get("/json").body()).isEqualTo("{\"answer\":42}");
  }

  @Test
  void unroutedPathIs404WithTheRoutesListed() {
    var r = app.get("/nowhere");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"code\":\"route_not_found\"").contains("/probe -> api");
  }
}
