package dev.cairn.server;

import dev.cairn.core.Json;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.Scheduler;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The node's log: one line per request and per console call. {@code cairn dev} writes for people;
 * {@code cairn serve} writes JSON lines for machines.
 *
 * <p>Request and console lines are buffered: they reach {@code out} when {@link #BUFFER_CHARS_MAX}
 * is full or within {@code flushMs}, whichever comes first (a timer through the Scheduler port). Why:
 * written one by one, each line was a {@code write} on stdout, measured at 7 % of the server's CPU
 * on W1 (and 1.7 GB of log in four minutes). Node messages and errors, which are rare and which a
 * person or a script waits for, are written at once and take the buffered lines before them along,
 * so the order of lines is always the order of calls. A crash loses at most {@code flushMs} of
 * request lines — never a journal, which is the record; this is the access log.
 */
public final class RequestLog implements AutoCloseable {
  /** Buffered characters past which the buffer is written at once. */
  public static final int BUFFER_CHARS_MAX = 64 * 1024;
  /** How long a request line may wait in the buffer by default. */
  public static final long FLUSH_MS_DEFAULT = 200;

  private final boolean json;
  private final PrintStream out;
  private final Clock clock;
  private final Scheduler scheduler; // null: unbuffered, every line written at once
  private final long flushMs;
  private final StringBuilder buffer = new StringBuilder();
  private Cancellable flushTimer; // guarded by buffer
  private boolean closed; // guarded by buffer
  private long tsMs = Long.MIN_VALUE; // guarded by buffer: the millisecond tsText renders
  private String tsText = "";

  /** A log that writes every line at once (tests, benches, tools). */
  public RequestLog(boolean json, PrintStream out, Clock clock) {
    this(json, out, clock, null, 0);
  }

  private RequestLog(boolean json, PrintStream out, Clock clock, Scheduler scheduler, long flushMs) {
    this.json = json;
    this.out = out;
    this.clock = clock;
    this.scheduler = scheduler;
    this.flushMs = flushMs;
  }

  /** A log that buffers request and console lines for at most {@code flushMs} (see the class comment). */
  public static RequestLog buffered(boolean json, PrintStream out, Clock clock, Scheduler scheduler, long flushMs) {
    if (flushMs <= 0) throw new IllegalArgumentException("flushMs must be positive: " + flushMs);
    return new RequestLog(json, out, clock, scheduler, flushMs);
  }

  public void request(String method, String path, int status, double durationMs, String service, String invocationId) {
    synchronized (buffer) {
      if (json) {
        buffer.append("{\"ts\":\"").append(ts()).append("\",\"level\":\"info\",\"event\":\"request\",\"method\":")
            .append(Json.quote(method)).append(",\"path\":").append(Json.quote(path)).append(",\"status\":").append(status)
            .append(",\"durationMs\":");
        appendHundredths(buffer, durationMs);
        buffer.append(",\"service\":").append(Json.quote(service)).append(",\"invocationId\":").append(Json.quote(invocationId))
            .append('}');
      } else {
        buffer.append(method).append(' ').append(path).append(' ').append(status).append(' ');
        appendTenths(buffer, durationMs);
        buffer.append("ms [").append(service).append("] ").append(invocationId);
      }
      buffer.append(System.lineSeparator());
      buffered();
    }
  }

  public void console(String service, String invocationId, String level, String text) {
    synchronized (buffer) {
      if (json) {
        buffer.append("{\"ts\":\"").append(ts()).append("\",\"level\":").append(Json.quote(level))
            .append(",\"event\":\"console\",\"service\":").append(Json.quote(service)).append(",\"invocationId\":")
            .append(Json.quote(invocationId)).append(",\"message\":").append(Json.quote(text)).append('}');
      } else {
        buffer.append('[').append(service).append("] ").append(level.equals("log") ? "" : level + ": ").append(text);
      }
      buffer.append(System.lineSeparator());
      buffered();
    }
  }

  public void error(String service, String invocationId, String code, String message, String jsStack) {
    if (json) {
      now("{\"ts\":" + Json.quote(tsNow()) + ",\"level\":\"error\",\"event\":\"error\",\"service\":" + Json.quote(service)
          + ",\"invocationId\":" + Json.quote(invocationId) + ",\"code\":" + Json.quote(code) + ",\"message\":"
          + Json.quote(message) + ",\"stack\":" + Json.quote(jsStack) + "}");
    } else {
      now("[" + service + "] error[" + code + "] " + message + (jsStack.isBlank() ? "" : "\n" + jsStack.stripTrailing()));
    }
  }

  public void info(String message) {
    node("info", message);
  }

  /** A message of the node itself (not of a request): {@code info}, {@code warn}, {@code error}; {@code debug} is dropped. */
  public void node(String level, String message) {
    if (level.equals("debug")) return;
    if (json) now("{\"ts\":" + Json.quote(tsNow()) + ",\"level\":" + Json.quote(level) + ",\"event\":\"node\",\"message\":" + Json.quote(message) + "}");
    else now("cairn: " + (level.equals("info") ? "" : level + ": ") + message);
  }

  /** Writes what is buffered. */
  public void flush() {
    synchronized (buffer) {
      drain();
    }
  }

  /** Writes what is buffered and stops the timer; later lines are written at once. */
  @Override
  public void close() {
    synchronized (buffer) {
      closed = true;
      if (flushTimer != null) flushTimer.cancel();
      flushTimer = null;
      drain();
    }
  }

  /** After a line was appended: write it now, or see that a flush will come. */
  private void buffered() {
    if (scheduler == null || closed || buffer.length() >= BUFFER_CHARS_MAX) {
      drain();
    } else if (flushTimer == null) {
      flushTimer = scheduler.schedule(flushMs, this::timerFired);
    }
  }

  private void timerFired() {
    synchronized (buffer) {
      flushTimer = null;
      drain();
    }
  }

  /** A line written at once, after the buffered ones (so the order of lines is the order of calls). */
  private void now(String line) {
    synchronized (buffer) {
      buffer.append(line).append(System.lineSeparator());
      drain();
    }
  }

  private void drain() { // holds buffer
    if (buffer.isEmpty()) return;
    out.append(buffer);
    out.flush();
    buffer.setLength(0);
  }

  /** The timestamp of a buffered line: rendered once per millisecond, not once per line. */
  private String ts() { // holds buffer
    long ms = clock.nowMs();
    if (ms != tsMs) {
      tsMs = ms;
      tsText = Instant.ofEpochMilli(ms).toString();
    }
    return tsText;
  }

  private String tsNow() {
    return Instant.ofEpochMilli(clock.nowMs()).toString();
  }

  /** {@code value} with two decimals, as {@code %.2f} would print it for the durations logged here. */
  static void appendHundredths(StringBuilder b, double value) {
    appendFixed(b, value, 100, 2);
  }

  static void appendTenths(StringBuilder b, double value) {
    appendFixed(b, value, 10, 1);
  }

  private static void appendFixed(StringBuilder b, double value, long scale, int digits) {
    if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
      b.append(String.format("%." + digits + "f", value));
      return;
    }
    long scaled = Math.round(Math.abs(value) * scale);
    if (value < 0 && scaled != 0) b.append('-');
    b.append(scaled / scale).append('.');
    String fraction = Long.toString(scaled % scale);
    for (int i = fraction.length(); i < digits; i++) b.append('0');
    b.append(fraction);
  }
}
