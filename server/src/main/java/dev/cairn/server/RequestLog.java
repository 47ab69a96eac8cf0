package dev.cairn.server;

import dev.cairn.core.Json;
import dev.cairn.core.spi.Clock;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The node's log: one line per request and per console call. {@code cairn dev} writes for people;
 * {@code cairn serve} writes JSON lines for machines.
 */
public final class RequestLog {
  private final boolean json;
  private final PrintStream out;
  private final Clock clock;

  public RequestLog(boolean json, PrintStream out, Clock clock) {
    this.json = json;
    this.out = out;
    this.clock = clock;
  }

  public void request(String method, String path, int status, double durationMs, String service, String invocationId) {
    if (json) {
      line("{\"ts\":" + Json.quote(ts()) + ",\"level\":\"info\",\"event\":\"request\",\"method\":" + Json.quote(method)
          + ",\"path\":" + Json.quote(path) + ",\"status\":" + status + ",\"durationMs\":" + String.format("%.2f", durationMs)
          + ",\"service\":" + Json.quote(service) + ",\"invocationId\":" + Json.quote(invocationId) + "}");
    } else {
      line(String.format("%s %s %d %.1fms [%s] %s", method, path, status, durationMs, service, invocationId));
    }
  }

  public void console(String service, String invocationId, String level, String text) {
    if (json) {
      line("{\"ts\":" + Json.quote(ts()) + ",\"level\":" + Json.quote(level) + ",\"event\":\"console\",\"service\":"
          + Json.quote(service) + ",\"invocationId\":" + Json.quote(invocationId) + ",\"message\":" + Json.quote(text) + "}");
    } else {
      line("[" + service + "] " + (level.equals("log") ? "" : level + ": ") + text);
    }
  }

  public void error(String service, String invocationId, String code, String message, String jsStack) {
    if (json) {
      line("{\"ts\":" + Json.quote(ts()) + ",\"level\":\"error\",\"event\":\"error\",\"service\":" + Json.quote(service)
          + ",\"invocationId\":" + Json.quote(invocationId) + ",\"code\":" + Json.quote(code) + ",\"message\":"
          + Json.quote(message) + ",\"stack\":" + Json.quote(jsStack) + "}");
    } else {
      line("[" + service + "] error[" + code + "] " + message + (jsStack.isBlank() ? "" : "\n" + jsStack.stripTrailing()));
    }
  }

  public void info(String message) {
    node("info", message);
  }

  /** A message of the node itself (not of a request): {@code info}, {@code warn}, {@code error}; {@code debug} is dropped. */
  public void node(String level, String message) {
    if (level.equals("debug")) return;
    if (json) line("{\"ts\":" + Json.quote(ts()) + ",\"level\":" + Json.quote(level) + ",\"event\":\"node\",\"message\":" + Json.quote(message) + "}");
    else line("cairn: " + (level.equals("info") ? "" : level + ": ") + message);
  }

  private String ts() {
    return Instant.ofEpochMilli(clock.nowMs()).toString();
  }

  private void line(String s) {
    synchronized (out) {
      out.println(s);
    }
  }
}
