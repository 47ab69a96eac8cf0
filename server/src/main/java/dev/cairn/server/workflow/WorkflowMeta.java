package dev.cairn.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable state of one workflow instance besides its journal, stored as JSON under the key
 * {@code meta} of the instance's entity ({@code workflow:<Class>}, id = instance id). Encoding
 * version 1 ({@code "v":1}).
 *
 * @param status {@code queued}, {@code running}, {@code waiting}, {@code complete}, {@code errored}, {@code terminated}
 * @param paused true while paused: wake-ups wait for {@code resume()}
 * @param journal the invocation id of the current run's journal
 * @param codeVersion the code the instance started on (and resumes on)
 * @param params the create params as structured-clone text
 * @param output the run's output as structured-clone text, once complete
 * @param error {@code [code, message]} once errored
 * @param waits what it waits for while {@code waiting}
 * @param nextEvent the sequence number of the next event sent to it
 */
record WorkflowMeta(int v, String status, boolean paused, String journal, String codeVersion, long createdMs, long updatedMs,
    String params, String output, List<String> error, List<Wait> waits, long nextEvent) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A pending durable wait: {@code sleep} until a time, or {@code event} of a type until a timeout. */
  record Wait(String kind, String name, String type, long untilMs) {}

  WorkflowMeta {
    waits = List.copyOf(waits);
    error = error == null ? null : List.copyOf(error);
  }

  static WorkflowMeta created(String journal, String codeVersion, long nowMs, String params) {
    return new WorkflowMeta(1, "queued", false, journal, codeVersion, nowMs, nowMs, params, null, null, List.of(), 0);
  }

  boolean finished() {
    return status.equals("complete") || status.equals("errored") || status.equals("terminated");
  }

  WorkflowMeta with(String status, long nowMs) {
    return new WorkflowMeta(v, status, paused, journal, codeVersion, createdMs, nowMs, params, output, error, waits, nextEvent);
  }

  WorkflowMeta waiting(List<Wait> waits, long nowMs) {
    return new WorkflowMeta(v, "waiting", paused, journal, codeVersion, createdMs, nowMs, params, output, error, waits, nextEvent);
  }

  WorkflowMeta running(long nowMs) {
    return new WorkflowMeta(v, "running", paused, journal, codeVersion, createdMs, nowMs, params, output, error, List.of(), nextEvent);
  }

  WorkflowMeta completed(String output, long nowMs) {
    return new WorkflowMeta(v, "complete", false, journal, codeVersion, createdMs, nowMs, params, output, null, List.of(), nextEvent);
  }

  WorkflowMeta errored(String code, String message, long nowMs) {
    return new WorkflowMeta(v, "errored", false, journal, codeVersion, createdMs, nowMs, params, null, List.of(code, message), List.of(), nextEvent);
  }

  WorkflowMeta pausedAs(boolean value, long nowMs) {
    return new WorkflowMeta(v, status, value, journal, codeVersion, createdMs, nowMs, params, output, error, waits, nextEvent);
  }

  WorkflowMeta restarted(String newJournal, String codeVersion, long nowMs) {
    return new WorkflowMeta(v, "queued", false, newJournal, codeVersion, createdMs, nowMs, params, null, null, List.of(), nextEvent);
  }

  WorkflowMeta eventTaken() {
    return new WorkflowMeta(v, status, paused, journal, codeVersion, createdMs, updatedMs, params, output, error, waits, nextEvent + 1);
  }

  /** The earliest time a wait of this instance runs out, or empty when it waits without a deadline. */
  java.util.OptionalLong deadline() {
    return waits.stream().mapToLong(Wait::untilMs).filter(t -> t > 0).min();
  }

  byte[] encode() {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", v).put("status", status).put("paused", paused).put("journal", journal).put("code", codeVersion)
        .put("createdMs", createdMs).put("updatedMs", updatedMs).put("params", params);
    if (output != null) n.put("output", output);
    if (error != null) n.putArray("error").add(error.get(0)).add(error.get(1));
    ArrayNode w = n.putArray("waits");
    for (Wait x : waits) {
      ObjectNode o = w.addObject().put("kind", x.kind()).put("name", x.name()).put("untilMs", x.untilMs());
      if (x.type() != null) o.put("type", x.type());
    }
    n.put("nextEvent", nextEvent);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  static WorkflowMeta decode(byte[] bytes) {
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("workflow meta does not parse", e);
    }
    if (n.path("v").asInt() != 1) throw new IllegalStateException("workflow meta version " + n.path("v") + " is not 1");
    List<Wait> waits = new ArrayList<>();
    for (JsonNode x : n.path("waits")) {
      waits.add(new Wait(x.path("kind").asText(), x.path("name").asText(), x.has("type") ? x.path("type").asText() : null,
          x.path("untilMs").asLong()));
    }
    List<String> error = n.has("error") ? List.of(n.path("error").get(0).asText(), n.path("error").get(1).asText()) : null;
    return new WorkflowMeta(1, n.path("status").asText(), n.path("paused").asBoolean(), n.path("journal").asText(),
        n.path("code").asText(), n.path("createdMs").asLong(), n.path("updatedMs").asLong(), n.path("params").asText(),
        n.has("output") ? n.path("output").asText() : null, error, waits, n.path("nextEvent").asLong());
  }
}
