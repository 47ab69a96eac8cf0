package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.server.admin.ReplayReportJson;
import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** A running server's recorded invocations, through its admin API ({@code /__cairn/}) with a bearer token. */
final class RemoteData implements RecordedData {
  private final AdminClient admin;

  RemoteData(String serverUrl, String token) {
    this.admin = new AdminClient(serverUrl, token);
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
    return admin.call(method, pathAndQuery, body);
  }

  private static String encode(String value) {
    return AdminClient.encode(value);
  }

  @Override
  public void close() {
    admin.close();
  }
}
