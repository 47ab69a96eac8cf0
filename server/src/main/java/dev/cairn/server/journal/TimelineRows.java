package dev.cairn.server.journal;

import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;
import dev.cairn.core.journal.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns decoded entries into {@link TimelineRow}s, times relative to the {@code Started} entry. */
final class TimelineRows {
  private final Started started;
  private final boolean full;
  private final TimelineDescriptions descriptions;

  TimelineRows(Started started, boolean full) {
    this.started = started;
    this.full = full;
    this.descriptions = new TimelineDescriptions(full);
  }

  TimelineRow row(int index, JournalEntry entry, int bytes) {
    Map<String, Object> fields = new LinkedHashMap<>();
    return switch (entry) {
      case Started s -> {
        fields.put("invocationId", s.invocationId());
        fields.put("service", s.target());
        fields.put("kind", s.kind());
        fields.put("codeVersion", s.codeVersion());
        fields.put("seed", s.seed());
        fields.put("timeMs", s.timeMs());
        fields.put("input", text(s.input()));
        yield new TimelineRow(index, 0, "started", "", bytes, descriptions.started(s), -1, fields);
      }
      case HostCall h -> {
        fields.put("seq", h.seq());
        fields.put("op", h.op());
        fields.put("args", text(h.args()));
        switch (h.outcome()) {
          case Outcome.Value v -> fields.put("result", text(v.result()));
          case Outcome.Error e -> fields.put("error", Map.of("code", e.code(), "message", e.message()));
        }
        fields.put("startMs", h.startMs());
        fields.put("durationUs", h.durationUs());
        yield new TimelineRow(index, relative(h.startMs()), "hostCall", h.op(), bytes,
            descriptions.hostCall(h.op(), h.args(), h.outcome()), h.durationUs(), fields);
      }
      case Completed c -> {
        fields.put("output", text(c.output()));
        fields.put("timeMs", c.timeMs());
        yield new TimelineRow(index, relative(c.timeMs()), "completed", "", bytes,
            descriptions.output(started.kind(), c.output()), -1, fields);
      }
      case Failed f -> {
        fields.put("code", f.code());
        fields.put("message", f.message());
        fields.put("stack", f.stack());
        fields.put("timeMs", f.timeMs());
        String description = "error[" + f.code() + "] " + TimelineText.cut(f.message(), full)
            + (full && !f.stack().isEmpty() ? "\n" + f.stack() : "");
        yield new TimelineRow(index, relative(f.timeMs()), "failed", "", bytes, description, -1, fields);
      }
      case Suspended s -> {
        fields.put("reason", s.reason());
        fields.put("timeMs", s.timeMs());
        yield new TimelineRow(index, relative(s.timeMs()), "suspended", "", bytes, s.reason(), -1, fields);
      }
      case Resumed r -> {
        fields.put("timeMs", r.timeMs());
        yield new TimelineRow(index, relative(r.timeMs()), "resumed", "", bytes, "", -1, fields);
      }
    };
  }

  private double relative(long timeMs) {
    return timeMs - started.timeMs();
  }

  private String text(dev.cairn.core.journal.Bytes bytes) {
    return TimelineText.cut(TimelineText.of(bytes), full);
  }
}
