package dev.cairn.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test helper: writes an app folder (manifest and modules), serves it with a real {@link CairnServer}
 * on a free loopback port, and talks to it over real HTTP.
 */
final class TestApp implements AutoCloseable {
  final Path dir;
  final CairnServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestApp(Path dir, CairnServer server) {
    this.dir = dir;
    this.server = server;
  }

  static Map<String, String> files(String... nameThenContent) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenContent.length; i += 2) m.put(nameThenContent[i], nameThenContent[i + 1]);
    return m;
  }

  static Path write(Path dir, Map<String, String> files) {
    try {
      for (var e : files.entrySet()) {
        Path f = dir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TestApp start(Path dir, Map<String, String> files) {
    return start(dir, files, false);
  }

  static TestApp start(Path dir, Map<String, String> files, boolean dev) {
    write(dir, files);
    return new TestApp(dir, CairnServer.start(ServerOptions.of(dir, 0, dev)));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build());
  }

  HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }
}
