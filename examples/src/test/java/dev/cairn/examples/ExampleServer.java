package dev.cairn.examples;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * Serves one example folder exactly as {@code ./cairn dev examples/<name>} would, on a free port,
 * from a copy (so the test's durable state never lands in the source tree).
 */
final class ExampleServer implements AutoCloseable {
  CairnServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path copy;

  ExampleServer(String name) {
    this(name, manifest -> manifest);
  }

  /** Serves a copy whose {@code cairn.yaml} is {@code manifest} applied to the example's (the code stays as it is). */
  ExampleServer(String name, java.util.function.UnaryOperator<String> manifest) {
    try {
      Path source = Path.of("").toAbsolutePath().resolve(name);
      if (!Files.isDirectory(source)) source = Path.of("").toAbsolutePath().resolve("examples").resolve(name);
      copy = Files.createTempDirectory("cairn-example-" + name);
      try (var files = Files.walk(source)) {
        for (Path p : files.filter(p -> !p.toString().contains("/.cairn")).toList()) {
          Path target = copy.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) Files.createDirectories(target);
          else Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path yaml = copy.resolve("cairn.yaml");
      Files.writeString(yaml, manifest.apply(Files.readString(yaml)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = CairnServer.start(ServerOptions.of(copy, 0, true));
  }

  HttpResponse<String> send(HttpRequest.Builder request, String path) {
    try {
      return http.send(request.uri(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the node and starts it again on the same folder, as a crash and restart would (durable state stays). */
  void restart() {
    server.close();
    server = CairnServer.start(ServerOptions.of(copy, 0, true));
  }

  /** The folder being served (a copy of the example). */
  Path dir() {
    return copy;
  }

  HttpResponse<String> post(String path, String json) {
    return send(HttpRequest.newBuilder().header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), path);
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(), path);
  }

  @Override
  public void close() throws IOException {
    server.close();
    http.close();
    try (var files = Files.walk(copy)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
