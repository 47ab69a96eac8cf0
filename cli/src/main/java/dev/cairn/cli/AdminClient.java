package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A running server's admin API ({@code /__cairn/}) with a bearer token: JSON in, JSON out, and an
 * error answer turned into the server's own code.
 */
final class AdminClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Replaying many invocations takes a while; listing does not, but one timeout keeps this simple. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final String baseUrl;
  private final String token;
  private final HttpClient client;

  AdminClient(String serverUrl, String token) {
    this.baseUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    this.token = token;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  JsonNode call(String method, String pathAndQuery, String body) {
    String url = baseUrl + pathAndQuery;
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
          .build();
    } catch (IllegalArgumentException e) {
      throw CliException.serverUnreachable(baseUrl, "not a valid URL (" + e.getMessage() + ")");
    }
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw CliException.serverUnreachable(baseUrl, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.serverUnreachable(baseUrl, "interrupted");
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(response.body());
    } catch (IOException e) {
      throw CliException.serverUnreachable(baseUrl, "HTTP " + response.statusCode() + " with a body that is not JSON");
    }
    if (response.statusCode() != 200) {
      JsonNode error = doc == null ? null : doc.path("error");
      if (error == null || !error.has("code")) {
        throw CliException.serverUnreachable(baseUrl, "HTTP " + response.statusCode() + " without an error code");
      }
      throw CliException.fromServer(error.path("code").asText(), error.path("message").asText());
    }
    return doc;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    client.close();
  }
}
