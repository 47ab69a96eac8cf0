package dev.cairn.server.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalCodec;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalException;
import dev.cairn.core.journal.JournalLimits;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code cairn invocations}, {@code cairn inspect} and the admin API show, computed from stored
 * data by pure functions: a summary as JSON, a journal as a {@link Timeline}, and both back from
 * JSON (the CLI reads them from a server). Text rendering is {@link TimelineFormat}'s.
 *
 * <p>A journal is checked exactly as replay checks it ({@link Journal#fromEncoded}: checksums,
 * versions, order, limits). The entries before the first failure are shown, then the failure with
 * its code and entry index; nothing past it.
 */
public final class JournalViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JournalViews() {}

  /** The timeline of {@code encoded} (one invocation's stored entries) within the default limits. */
  public static Timeline timeline(List<byte[]> encoded, boolean full) {
    return timeline(encoded, full, JournalLimits.DEFAULTS);
  }

  public static Timeline timeline(List<byte[]> encoded, boolean full, JournalLimits limits) {
    Optional<Timeline.TimelineError> error = Optional.empty();
    int readable = encoded.size();
    try {
      Journal.fromEncoded(encoded, limits);
    } catch (JournalException e) {
      error = Optional.of(new Timeline.TimelineError(e.code(), e.entryIndex(), e.getMessage()));
      readable = Math.min(e.entryIndex(), encoded.size());
    }
    List<TimelineRow> rows = new ArrayList<>(readable);
    JournalCodec codec = new JournalCodec(limits.entryBytesMax());
    TimelineRows builder = null;
    for (int i = 0; i < readable; i++) {
      JournalEntry entry = codec.decode(encoded.get(i), i); // read once already: it decodes
      if (builder == null) builder = new TimelineRows((JournalEntry.Started) entry, full);
      rows.add(builder.row(i, entry, encoded.get(i).length));
    }
    return new Timeline(rows, error);
  }

  /** {@code {"invocationId":..,"service":..,"kind":..,"status":..,"startedAtMs":..,"durationMs":..,"entries":..,"bytes":..}}. */
  public static String summaryJson(InvocationSummary summary) {
    return write(summaryMap(summary));
  }

  public static Map<String, Object> summaryMap(InvocationSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("invocationId", s.invocationId());
    m.put("service", s.target());
    m.put("kind", s.kind());
    m.put("status", s.status().label());
    m.put("startedAtMs", s.startedAtMs());
    m.put("durationMs", s.durationMs());
    m.put("entries", s.entryCount());
    m.put("bytes", s.bytes());
    return m;
  }

  /** {@code {"summary":{..},"timeline":[rows],"error":{"code","entryIndex","message"}}}, error only when there is one. */
  public static String json(InvocationSummary summary, Timeline timeline) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summaryMap(summary));
    List<Object> rows = new ArrayList<>();
    for (TimelineRow row : timeline.rows()) rows.add(rowMap(row));
    m.put("timeline", rows);
    timeline.error().ifPresent(e -> m.put("error", Map.of("code", e.code(), "entryIndex", e.entryIndex(), "message", e.message())));
    return write(m);
  }

  private static Map<String, Object> rowMap(TimelineRow row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", row.index());
    m.put("atMs", row.atMs());
    m.put("entry", row.entry());
    m.put("bytes", row.bytes());
    m.put("description", row.description());
    m.putAll(row.fields());
    return m;
  }

  public static InvocationSummary summaryFrom(JsonNode n) {
    return new InvocationSummary(n.path("invocationId").asText(), n.path("service").asText(), n.path("kind").asText(),
        Status.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)), n.path("startedAtMs").asLong(),
        n.path("durationMs").asLong(), n.path("entries").asLong(), n.path("bytes").asLong());
  }

  /** The timeline of a {@link #json} document (fields a text rendering does not need are kept as read). */
  public static Timeline timelineFrom(JsonNode document) {
    List<TimelineRow> rows = new ArrayList<>();
    for (JsonNode r : document.path("timeline")) {
      Map<String, Object> fields = JSON.convertValue(r, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
      rows.add(new TimelineRow(r.path("index").asInt(), r.path("atMs").asDouble(), r.path("entry").asText(),
          r.path("op").asText(""), r.path("bytes").asInt(), r.path("description").asText(),
          r.has("durationUs") ? r.path("durationUs").asLong() : -1, fields));
    }
    JsonNode e = document.path("error");
    Optional<Timeline.TimelineError> error = e.isObject()
        ? Optional.of(new Timeline.TimelineError(e.path("code").asText(), e.path("entryIndex").asInt(), e.path("message").asText()))
        : Optional.empty();
    return new Timeline(rows, error);
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialize", e);
    }
  }
}
