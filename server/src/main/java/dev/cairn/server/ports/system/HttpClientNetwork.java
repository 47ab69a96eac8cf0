package dev.cairn.server.ports.system;

import dev.cairn.core.http.Header;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.spi.Network;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** Production {@link Network}: the JDK HTTP client, on virtual threads, with size and time limits. */
public final class HttpClientNetwork implements Network, AutoCloseable {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client = HttpClient.newBuilder()
      .executor(Executors.newVirtualThreadPerTaskExecutor())
      // Never: the host follows redirects itself, so each hop passes the outbound allow-list.
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  @Override
  public CompletableFuture<ResponseData> fetch(RequestData request, long responseBytesMax, long timeoutMs) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(Duration.ofMillis(timeoutMs))
        .method(request.method(), request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (Header h : request.headers()) {
      if (!RESTRICTED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) b.header(h.name(), h.value());
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
      try (var in = r.body()) {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, responseBytesMax + 1));
        if (body.length > responseBytesMax) {
          throw new IllegalStateException("response body of " + request.url() + " exceeds " + responseBytesMax + " bytes");
        }
        List<Header> headers = new ArrayList<>();
        r.headers().map().forEach((k, vs) -> {
          if (!k.startsWith(":")) for (String v : vs) headers.add(new Header(k, v));
        });
        return new ResponseData(r.statusCode(), headers, body);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
