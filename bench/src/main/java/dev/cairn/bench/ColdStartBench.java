// cairn:port-implementation — a benchmark harness outside the runtime: it sleeps while polling, as a client would.
package dev.cairn.bench;

import dev.cairn.core.spi.Clock;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import dev.cairn.server.ports.system.SystemClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cold start of a newly added service under {@code cairn dev}, JVM warm: the time from saving the
 * manifest that adds a service (its module already written) to the first response from that
 * service, polled every 1 ms. Prints every run and the median.
 *
 * <p>Run: {@code bench/coldstart.sh [runs]}.
 */
public final class ColdStartBench {
  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int warmup = 10;
    Clock clock = SystemClock.INSTANCE;
    Path dir = Files.createTempDirectory("cairn-coldstart");
    Files.writeString(dir.resolve("base.js"), "export default { fetch() { return new Response('base'); } };\n");
    writeManifest(dir, -1);
    List<Double> samples = new ArrayList<>();
    try (CairnServer server = CairnServer.start(ServerOptions.of(dir, 0, true));
         HttpClient http = HttpClient.newHttpClient()) {
      for (int i = 0; i < warmup + runs; i++) {
        Files.writeString(dir.resolve("svc" + i + ".js"),
            "export default { fetch(r) { return Response.json({ service: " + i + ", path: new URL(r.url).pathname }); } };\n");
        Thread.sleep(150); // let the watcher settle the module write before the measured save
        long t0 = clock.monotonicNs();
        writeManifest(dir, i);
        String want = "{\"service\":" + i + ",\"path\":\"/s" + i + "\"}";
        while (!get(http, server.port(), "/s" + i).equals(want)) {
          if (clock.monotonicNs() - t0 > 10_000_000_000L) throw new IllegalStateException("service " + i + " never answered");
          Thread.sleep(1);
        }
        double ms = (clock.monotonicNs() - t0) / 1e6;
        if (i >= warmup) {
          samples.add(ms);
          System.out.printf("run %d: %.1f ms%n", i - warmup + 1, ms);
        }
      }
      Collections.sort(samples);
      System.out.printf("RESULT coldstart runs=%d median_ms=%.1f p90_ms=%.1f min_ms=%.1f engine=%s%n", samples.size(),
          samples.get(samples.size() / 2), samples.get((int) (samples.size() * 0.9)), samples.getFirst(), server.engineMode());
    }
  }

  /** A manifest with the base service and, when {@code newest >= 0}, service svc{newest} on /s{newest}. */
  private static void writeManifest(Path dir, int newest) throws IOException {
    StringBuilder m = new StringBuilder("app: coldstart\nservices:\n  base: { module: base.js, routes: [\"/\"] }\n");
    if (newest >= 0) {
      m.append("  svc").append(newest).append(": { module: svc").append(newest).append(".js, routes: [\"/s").append(newest)
          .append("\"], limits: { contexts: 1 } }\n");
    }
    Path tmp = dir.resolve("cairn.yaml.tmp");
    Files.writeString(tmp, m);
    Files.move(tmp, dir.resolve("cairn.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
