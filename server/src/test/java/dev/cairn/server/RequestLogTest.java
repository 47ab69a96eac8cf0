package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.EventLoop;
import dev.cairn.core.spi.Scheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The buffered log: when lines reach the output, in which order, and what a request line says. */
class RequestLogTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
  private final List<Runnable> timers = new ArrayList<>();
  private final Clock clock = new Clock() {
    @Override
    public long nowMs() {
      return 1_780_000_000_123L;
    }

    @Override
    public long monotonicNs() {
      return 0;
    }
  };
  private final Scheduler heldTimers = new Scheduler() {
    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
      assertThat(delayMs).isEqualTo(200);
      timers.add(task);
      return () -> timers.remove(task);
    }

    @Override
    public void executeBlocking(Runnable task) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EventLoop newEventLoop(String name) {
      throw new UnsupportedOperationException();
    }
  };
  private final RequestLog log = RequestLog.buffered(true, out, clock, heldTimers, 200);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void requestLinesWaitForTheTimerAndOneTimerServesMany() {
    log.request("GET", "/a", 200, 0.126, "api", "inv-1");
    log.request("GET", "/b", 404, 12.5, "api", "inv-2");
    assertThat(written()).isEmpty();
    assertThat(timers).hasSize(1);

    timers.removeFirst().run();
    assertThat(written().lines()).containsExactly(
        "{\"ts\":\"2026-05-28T20:26:40.123Z\",\"level\":\"info\",\"event\":\"request\",\"method\":\"GET\",\"path\":\"/a\","
            + "\"status\":200,\"durationMs\":0.13,\"service\":\"api\",\"invocationId\":\"inv-1\"}",
        "{\"ts\":\"2026-05-28T20:26:40.123Z\",\"level\":\"info\",\"event\":\"request\",\"method\":\"GET\",\"path\":\"/b\","
            + "\"status\":404,\"durationMs\":12.50,\"service\":\"api\",\"invocationId\":\"inv-2\"}");

    log.console("api", "inv-3", "warn", "careful \"quoted\"");
    assertThat(timers).as("a new line after a flush sets a new timer").hasSize(1);
  }

  @Test
  void aNodeMessageOrErrorIsWrittenAtOnceAfterTheLinesBeforeIt() {
    log.request("GET", "/a", 200, 1, "api", "inv-1");
    log.info("serving");
    assertThat(written().lines()).hasSize(2);
    assertThat(written().lines().toList().get(0)).contains("\"path\":\"/a\"");
    assertThat(written().lines().toList().get(1)).contains("\"message\":\"serving\"");

    log.console("api", "inv-2", "log", "hello");
    log.error("api", "inv-2", "js_error", "boom", "at x");
    assertThat(written().lines()).hasSize(4);
    assertThat(written().lines().toList().get(2)).contains("\"message\":\"hello\"");
    assertThat(written().lines().toList().get(3)).contains("\"code\":\"js_error\"");
  }

  @Test
  void aFullBufferIsWrittenWithoutWaitingAndCloseWritesTheRest() {
    String path = "/" + "p".repeat(1_000);
    int lines = 0;
    while (written().isEmpty()) {
      log.request("GET", path, 200, 1, "api", "inv-" + lines++);
      assertThat(lines).as("lines before the buffer is written").isLessThan(1_000);
    }
    assertThat(written().length()).isGreaterThanOrEqualTo(RequestLog.BUFFER_CHARS_MAX);
    assertThat(written().lines()).hasSize(lines);

    log.request("GET", "/last", 200, 1, "api", "inv-last");
    log.close();
    assertThat(written().lines().toList().getLast()).contains("inv-last");
    assertThat(timers).as("close cancels the timer").isEmpty();

    log.request("GET", "/after", 200, 1, "api", "inv-after");
    assertThat(written().lines().toList().getLast()).as("after close, lines go at once").contains("inv-after");
  }

  @Test
  void durationsPrintAsPercentFWouldInEnglish() {
    double[] values = {0, 0.004, 0.005, 0.126, 0.995, 1, 9.999, 12.345, 1234.5, 86_400_000.25, -0.5, -3.14159};
    for (double v : values) {
      StringBuilder two = new StringBuilder();
      RequestLog.appendHundredths(two, v);
      assertThat(two.toString()).as("%.2f of " + v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
      StringBuilder one = new StringBuilder();
      RequestLog.appendTenths(one, v);
      assertThat(one.toString()).as("%.1f of " + v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
    }
  }

  @Test
  void anUnbufferedLogWritesEveryLineAtOnce() {
    RequestLog direct = new RequestLog(false, out, clock);
    direct.request("POST", "/x", 201, 2.25, "api", "inv-9");
    assertThat(written()).isEqualTo("POST /x 201 2.3ms [api] inv-9" + System.lineSeparator());
  }
}
