package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.server.admin.ReplayReportJson;
import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** A running server's recorded invocations, through its admin API ({@code /__cairn/}) with a bearer token. */
final class RemoteData implements RecordedData {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Replaying many invocations takes a while; listing does not, but one timeout keeps this simple. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final String baseUrl;
  private final String token;
  private final HttpClient client;

  RemoteData(String serverUrl, String token) {
    this.baseUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    this.token = token;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public List<InvocationSummary> list(Optional<String> service, Optional<String> status, Optional<String> since,
      Optional<String> limit) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    service.ifPresent(v -> query.add("service=" + encode(v)));
    status.ifPresent(v -> query.add("status=" + encode(v)));
    since.ifPresent(v -> query.add("since=" + encode(v)));
    limit.ifPresent(v -> query.add("limit=" + encode(v)));
    List<InvocationSummary> out = new ArrayList<>();
    for (JsonNode n : call("GET", "/__cairn/invocations" + query, "").path("invocations")) out.add(JournalViews.summaryFrom(n));
    return out;
  }

  @Override
  public Inspection inspect(String invocationId, boolean full) {
    JsonNode doc = call("GET", "/__cairn/invocations/" + encode(invocationId) + (full ? "?full=1" : ""), "");
    return new Inspection(JournalViews.summaryFrom(doc.path("summary")), JournalViews.timelineFrom(doc));
  }

  @Override
  public ReplayReport replay(String invocationId, Optional<Path> code) {
    return ReplayReportJson.from(call("POST", "/__cairn/invocations/" + encode(invocationId) + "/replay", body(code)));
  }

  @Override
  public List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
    JsonNode doc = call("POST", "/__cairn/replay?service=" + encode(service) + "&limit=" + limit, body(code));
    List<ReplayReport> out = new ArrayList<>();
    for (JsonNode n : doc.path("reports")) out.add(ReplayReportJson.from(n));
    return out;
  }

  /** {@code {"code":"/abs/dir"}}: the folder is resolved here, but read by the server, so both must see it. */
  private static String body(Optional<Path> code) {
    return code.map(c -> "{\"code\":" + dev.cairn.core.Json.quote(c.toAbsolutePath().normalize().toString()) + "}").orElse("");
  }

  private JsonNode call(String method, String pathAndQuery, String body) {
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

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    client.close();
  }
}
