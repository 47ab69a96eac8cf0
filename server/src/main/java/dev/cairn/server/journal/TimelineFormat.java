package dev.cairn.server.journal;

import dev.cairn.core.spi.JournalStore.InvocationSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readable text of the views, as the CLI prints it: one header line per invocation, one line per
 * entry, the read error last. Columns are fixed so that timelines line up from one call to the next.
 */
public final class TimelineFormat {
  private TimelineFormat() {}

  /**
   * <pre>
   * invocation 01a2…  api  fetch  completed  36 ms  4 entries  1.2 KB
   *   #0  +0.0 ms    112 B   started    GET http://127.0.0.1:8787/add  seed=7  code=3f2a…
   *   #1  +1.0 ms    96 B    service.rpc adder.add [2,3] -> 5  (0.8 ms)
   * </pre>
   */
  public static String inspect(InvocationSummary summary, Timeline timeline) {
    StringBuilder out = new StringBuilder();
    out.append("invocation ").append(summary.invocationId()).append("  ").append(summary.target()).append("  ")
        .append(summary.kind()).append("  ").append(summary.status().label()).append("  ")
        .append(summary.durationMs()).append(" ms  ").append(summary.entryCount()).append(" entries  ")
        .append(TimelineText.size(summary.bytes())).append('\n');
    for (TimelineRow row : timeline.rows()) out.append(line(row)).append('\n');
    timeline.error().ifPresent(e -> out.append("  #").append(e.entryIndex()).append("  error[").append(e.code())
        .append("]: ").append(e.message()).append('\n'));
    return out.toString();
  }

  static String line(TimelineRow row) {
    String time = String.format(Locale.ROOT, "+%.1f ms", row.atMs());
    String duration = row.durationUs() < 0 ? ""
        : String.format(Locale.ROOT, "  (%.1f ms)", row.durationUs() / 1000.0);
    String description = row.description().replace("\n", "\n      ");
    return String.format(Locale.ROOT, "  %-3s %-10s %-7s %-10s %s%s", "#" + row.index(), time, TimelineText.size(row.bytes()),
        row.label(), description, duration).stripTrailing();
  }

  /**
   * One line per invocation, columns padded to the widest value:
   * {@code 01a2…  api  fetch  completed  2026-01-01T00:00:00Z  36 ms  7 entries  1.2 KB}.
   */
  public static String listing(List<InvocationSummary> summaries) {
    if (summaries.isEmpty()) return "no recorded invocations match\n";
    List<String[]> cells = new ArrayList<>();
    for (InvocationSummary s : summaries) {
      cells.add(new String[] {
        s.invocationId(), s.target(), s.kind(), s.status().label(), Instant.ofEpochMilli(s.startedAtMs()).toString(),
        s.durationMs() + " ms", s.entryCount() + " entries", TimelineText.size(s.bytes()),
      });
    }
    int[] widths = new int[cells.getFirst().length];
    for (String[] row : cells) for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i > 0) line.append("  ");
        boolean right = i >= 5; // numbers align right
        line.append(right ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - text.length());
    return right ? spaces + text : text + spaces;
  }
}
