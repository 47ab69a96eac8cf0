package dev.cairn.server.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import dev.cairn.store.SqliteStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cron through the whole server: a fire missed while the node was down runs once, promptly, after
 * restart, with its scheduled time on {@code controller.scheduledTime}, and reaches another service.
 */
class CronServeTest {
  @TempDir Path dir;

  @Test
  void aFireMissedDuringDowntimeRunsOnceAfterRestart() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), """
        app: crons
        services:
          job: { module: job.js, cron: ["*/5 * * * *"] }
          log: { module: log.js, routes: ["/*"], limits: { contexts: 1 } }
        """);
    Files.writeString(dir.resolve("job.js"), """
        export default {
          async scheduled(controller, env, ctx) {
            await fetch("http://log/add?cron=" + encodeURIComponent(controller.cron) + "&t=" + controller.scheduledTime);
          },
        };
        """);
    Files.writeString(dir.resolve("log.js"), """
        const seen = [];
        export default { fetch(request) {
          const u = new URL(request.url);
          if (u.pathname === "/add") seen.push(u.searchParams.get("cron") + "@" + u.searchParams.get("t"));
          return Response.json(seen);
        } };
        """);
    // First run: the runner records the next slot (in the future), nothing fires.
    try (CairnServer s = CairnServer.start(ServerOptions.of(dir, 0, false))) {
      assertThat(get(s, "/")).isEqualTo("[]");
    }
    // Pretend the node was down across that slot: move the stored slot into the past.
    long missed = (System.currentTimeMillis() / 300_000L - 2) * 300_000L;
    try (SqliteStorage storage = SqliteStorage.open(dir.resolve(".cairn/cairn.db"))) {
      String key = "job|*/5 * * * *";
      assertThat(storage.get(CronRunner.NAMESPACE, key)).isPresent();
      storage.put(CronRunner.NAMESPACE, key, CronRecord.pending(missed).encode());
    }
    try (CairnServer s = CairnServer.start(ServerOptions.of(dir, 0, false))) {
      String seen = "[]";
      for (int i = 0; i < 150 && seen.equals("[]"); i++) {
        Thread.sleep(20);
        seen = get(s, "/");
      }
      Thread.sleep(300);
      assertThat(get(s, "/")).isEqualTo("[\"*/5 * * * *@" + missed + "\"]");
    }
  }

  private static String get(CairnServer s, String path) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
  }
}
