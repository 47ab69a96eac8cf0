package dev.cairn.cli;

import dev.cairn.server.journal.ReplayService.ReplayReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replay reports as the CLI prints them: {@code identical}, or where and how the run diverged. */
final class ReplayText {
  /** A report's {@code error} is {@code <code>: <message>}; anything else is shown whole as {@code replay_failed}. */
  private static final Pattern CODED = Pattern.compile("([a-z][a-z0-9_]*): (.*)", Pattern.DOTALL);

  private ReplayText() {}

  record ReplayError(String code, String message) {}

  static ReplayError error(ReplayReport report) {
    Matcher m = CODED.matcher(report.error());
    return m.matches() ? new ReplayError(m.group(1), m.group(2)) : new ReplayError("replay_failed", report.error());
  }

  /**
   * {@code identical}, or {@code divergence at entry #3: recorded X; now Y} with the JS stack
   * below, indented.
   */
  static String verdict(ReplayReport r) {
    String note = r.note() == null || r.note().isBlank() ? "" : "  note: " + r.note() + "\n";
    if (r.identical()) return "identical\n" + note;
    StringBuilder out = new StringBuilder("divergence at entry #").append(r.entryIndex()).append(": recorded ")
        .append(r.recorded()).append("; now ").append(r.actual()).append('\n');
    if (r.jsStack() != null && !r.jsStack().isBlank()) {
      for (String line : r.jsStack().strip().split("\n")) out.append("  ").append(line.strip()).append('\n');
    }
    return out.append(note).toString();
  }

  /** One verdict per invocation, prefixed by its id, then the counts. */
  static String all(List<ReplayReport> reports) {
    StringBuilder out = new StringBuilder();
    int identical = 0;
    int diverged = 0;
    int errors = 0;
    for (ReplayReport r : reports) {
      out.append(r.invocationId()).append("  ");
      if (ReplayCommand.failed(r)) {
        ReplayError e = error(r);
        out.append("error[").append(e.code()).append("]: ").append(e.message()).append('\n');
        errors++;
      } else {
        out.append(verdict(r).replace("\n  ", "\n    "));
        if (r.identical()) identical++;
        else diverged++;
      }
    }
    return out.append(reports.size()).append(" replayed: ").append(identical).append(" identical, ").append(diverged)
        .append(" diverged, ").append(errors).append(errors == 1 ? " error" : " errors").append('\n').toString();
  }
}
