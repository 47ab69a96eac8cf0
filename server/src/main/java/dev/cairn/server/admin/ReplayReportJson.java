package dev.cairn.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.server.journal.ReplayService.ReplayReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ReplayReport}s as the admin API answers them and the CLI prints them with {@code --json}. */
public final class ReplayReportJson {
  private ReplayReportJson() {}

  public static Map<String, Object> map(ReplayReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("invocationId", r.invocationId());
    m.put("identical", r.identical());
    m.put("entryIndex", r.entryIndex());
    m.put("recorded", r.recorded());
    m.put("actual", r.actual());
    m.put("jsStack", r.jsStack());
    m.put("error", r.error());
    m.put("note", r.note());
    return m;
  }

  /** {@code {"reports":[..],"counts":{"replayed":n,"identical":n,"diverged":n,"errors":n}}}. */
  public static Map<String, Object> all(List<ReplayReport> reports) {
    List<Object> list = new ArrayList<>();
    int identical = 0;
    int diverged = 0;
    int errors = 0;
    for (ReplayReport r : reports) {
      list.add(map(r));
      if (r.error() != null && !r.error().isEmpty()) errors++;
      else if (r.identical()) identical++;
      else diverged++;
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("replayed", reports.size());
    counts.put("identical", identical);
    counts.put("diverged", diverged);
    counts.put("errors", errors);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reports", list);
    m.put("counts", counts);
    return m;
  }

  public static ReplayReport from(JsonNode n) {
    return new ReplayReport(n.path("invocationId").asText(), n.path("identical").asBoolean(),
        n.path("entryIndex").asInt(-1), n.path("recorded").asText(""), n.path("actual").asText(""),
        n.path("jsStack").asText(""), n.path("error").asText(""), n.path("note").asText(""));
  }
}
