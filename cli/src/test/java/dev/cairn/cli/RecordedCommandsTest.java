package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.Outcome;
import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import dev.cairn.server.journal.ReplayService;
import dev.cairn.server.ports.system.ThreadScheduler;
import dev.cairn.store.journal.SqliteJournalStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal commands on a real {@code .cairn/journal.db} that a writer (standing in for the
 * serving app) keeps open the whole time: WAL lets the CLI read beside it.
 */
class RecordedCommandsTest {
  static final long NOW_MS = 10_000_000;
  static final String NL = System.lineSeparator();

  @TempDir Path temp;
  Path app;
  ThreadScheduler scheduler;
  SqliteJournalStore writer;
  StringWriter out;
  StringWriter err;
  LocalReplay localReplay = LocalReplay.NOT_BUILT;
  Map<String, String> environment = Map.of();

  @BeforeEach
  void recordedApp() throws Exception {
    app = Files.createDirectories(temp.resolve("app"));
    Files.createDirectories(app.resolve(".cairn"));
    scheduler = new ThreadScheduler();
    writer = SqliteJournalStore.open(app.resolve(".cairn/journal.db"), scheduler);
    record("inv-a", "api", Status.COMPLETED, NOW_MS - 3_600_000, addJournal("inv-a", 1_000));
    record("inv-b", "api", Status.FAILED, NOW_MS - 60_000, addJournal("inv-b", 2_000));
    record("inv-c", "users", Status.COMPLETED, NOW_MS - 30_000, addJournal("inv-c", 3_000));
  }

  @AfterEach
  void stop() {
    writer.close();
    scheduler.close();
  }

  void record(String id, String service, Status status, long startedAtMs, List<byte[]> frames) {
    writer.putSummary(InvocationSummary.of(id, service, "fetch", status, startedAtMs, 36));
    writer.append(id, 0, frames).join();
  }

  static List<byte[]> addJournal(String id, long t0) {
    Journal j = Journal.begin(new JournalEntry.Started(id, "api", "fetch",
        Bytes.utf8("{\"method\":\"GET\",\"url\":\"http://127.0.0.1:8787/add\",\"headers\":[],\"body\":\"\"}"), "3f2a9c01d4e5b6a7", 42, t0));
    j.append(new JournalEntry.HostCall(0, "service.rpc", Bytes.utf8("{\"service\":\"adder\",\"method\":\"add\",\"args\":\"[2,3]\"}"),
        new Outcome.Value(Bytes.utf8("{\"value\":\"5\"}")), t0 + 1, 800));
    j.append(new JournalEntry.HostCall(1, "log", Bytes.utf8("{\"level\":\"log\",\"text\":\"hello\"}"), new Outcome.Value(Bytes.utf8("{}")), t0 + 2, 0));
    j.append(new JournalEntry.Completed(Bytes.utf8("{\"status\":200,\"headers\":[],\"body\":\"{\\\"sum\\\":5}\"}"), t0 + 36));
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < j.size(); i++) frames.add(j.encoded(i).toArray());
    return frames;
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Clock clock = new Clock() {
      @Override public long nowMs() { return NOW_MS; }
      @Override public long monotonicNs() { return 0; }
    };
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), options -> {
      throw new AssertionError("no server is started");
    }, new CliContext(clock, localReplay, environment));
  }

  long size(String id) {
    return writer.summary(id).orElseThrow().bytes();
  }

  @Test
  void listsWhileTheWriterKeepsTheDatabaseOpen() {
    assertThat(run("invocations", "--app", app.toString())).isZero();
    assertThat(out.toString()).isEqualTo(
        "inv-c  users  fetch  completed  1970-01-01T02:46:10Z  36 ms  4 entries  " + size("inv-c") + " B\n"
        + "inv-b  api    fetch  failed     1970-01-01T02:45:40Z  36 ms  4 entries  " + size("inv-b") + " B\n"
        + "inv-a  api    fetch  completed  1970-01-01T01:46:40Z  36 ms  4 entries  " + size("inv-a") + " B\n");
    assertThat(err.toString()).isEmpty();

    record("inv-d", "api", Status.RUNNING, NOW_MS - 1_000, addJournal("inv-d", 4_000));
    assertThat(run("invocations", "--app", app.toString(), "--service", "api", "--status", "error", "--since", "10m")).isZero();
    assertThat(out.toString()).startsWith("inv-b  api  fetch  failed").doesNotContain("inv-a").doesNotContain("inv-d");
    assertThat(run("invocations", "--app", app.toString(), "--status", "running", "--json")).isZero();
    assertThat(out.toString()).isEqualTo("{\"invocations\":[{\"invocationId\":\"inv-d\",\"service\":\"api\",\"kind\":\"fetch\","
        + "\"status\":\"running\",\"startedAtMs\":9999000,\"durationMs\":36,\"entries\":4,\"bytes\":" + size("inv-d") + "}]}" + NL);
  }

  @Test
  void inspectPrintsTheTimeline() {
    assertThat(run("inspect", "inv-a", "--app", app.toString())).isZero();
    assertThat(out.toString()).isEqualTo(
        "invocation inv-a  api  fetch  completed  36 ms  4 entries  " + size("inv-a") + " B\n"
        + "  #0  +0.0 ms    116 B   started    GET http://127.0.0.1:8787/add  seed=42  code=3f2a9c01d4e5b6a7\n"
        + "  #1  +1.0 ms    88 B    service.rpc adder.add [2,3] -> 5  (0.8 ms)\n"
        + "  #2  +2.0 ms    49 B    log        \"hello\"  (0.0 ms)\n"
        + "  #3  +36.0 ms   57 B    completed  200 {\"sum\":5}\n");
  }

  @Test
  void badInputGetsItsOwnErrorAndExitStatus2() {
    assertThat(run("inspect", "nope", "--app", app.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("cairn: error[invocation_not_found]: no recorded invocation nope (list them with cairn invocations)" + NL);

    assertThat(run("invocations", "--app", app.toString(), "--since", "soon")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("cairn: error[admin_bad_request]: parameter since: expected a duration like 10m, 2h, 1d"
        + " or epoch milliseconds, got 'soon'" + NL);

    assertThat(run("invocations", "--app", temp.resolve("empty").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("cairn: error[app_not_found]: no app folder at " + temp.resolve("empty"));

    assertThat(run("replay", "--app", app.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("give either an <invocation-id> or --all --service S");
  }

  @Test
  void aCorruptEntryIsNamedAndNothingPastItShown() {
    List<byte[]> frames = addJournal("inv-bad", 5_000);
    frames.get(2)[4] ^= 0x10;
    record("inv-bad", "api", Status.COMPLETED, NOW_MS, frames);

    assertThat(run("inspect", "inv-bad", "--app", app.toString())).isEqualTo(2);
    assertThat(out.toString()).endsWith("  #1  +1.0 ms    88 B    service.rpc adder.add [2,3] -> 5  (0.8 ms)\n");
    assertThat(err.toString()).startsWith("cairn: error[journal_corrupt]: entry 2: checksum mismatch: stored CRC32C 0x");

    assertThat(run("replay", "inv-bad", "--app", app.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("cairn: error[journal_corrupt]: entry 2: checksum mismatch");
  }

  @Test
  void anUnknownFormatVersionSaysWhichOne() {
    List<byte[]> frames = addJournal("inv-v9", 5_000);
    byte[] entry = frames.get(1);
    entry[0] = 9;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(entry, 0, entry.length - 4);
    int sum = (int) crc.getValue();
    for (int i = 0; i < 4; i++) entry[entry.length - 4 + i] = (byte) (sum >>> (8 * i));
    record("inv-v9", "api", Status.COMPLETED, NOW_MS, frames);

    assertThat(run("replay", "inv-v9", "--app", app.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("cairn: error[journal_version_unsupported]: entry 1: written in journal format version 9,"
        + " this build reads version 1; read it with a Cairn that knows version 9" + NL);
  }

  @Test
  void localReplayWithoutTheEngineSaysSoRatherThanPretend() {
    assertThat(run("replay", "inv-a", "--app", app.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("cairn: error[not_supported_yet]: replay of a local app (--app) needs the replay engine");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void replayPrintsTheVerdictAndExitsBySeverity() {
    List<String> calls = new ArrayList<>();
    localReplay = (appDir, store) -> new ReplayService() {
      @Override
      public ReplayReport replay(String id, Optional<Path> code) {
        calls.add(id + " " + code.map(c -> c.getFileName().toString()).orElse("-"));
        return id.equals("inv-a") ? new ReplayReport(id, true, -1, "", "", "", "")
            : new ReplayReport(id, false, 3, "service.rpc adder.add [2,3]", "service.rpc adder.add [2,4]",
                "at fetch (src/api.js:5:20)\nat main (src/api.js:9:3)", "");
      }

      @Override
      public List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
        calls.add("all " + service + " " + limit);
        return List.of(new ReplayReport("inv-b", true, -1, "", "", "", ""),
            new ReplayReport("inv-a", false, -1, "", "", "", "module_not_found: no module src/api.js in " + app));
      }
    };

    assertThat(run("replay", "inv-a", "--app", app.toString())).isZero();
    assertThat(out.toString()).isEqualTo("identical\n");

    assertThat(run("replay", "inv-b", "--app", app.toString(), "--code", app.toString())).isEqualTo(1);
    assertThat(out.toString()).isEqualTo("divergence at entry #3: recorded service.rpc adder.add [2,3]; now service.rpc adder.add [2,4]\n"
        + "  at fetch (src/api.js:5:20)\n  at main (src/api.js:9:3)\n");

    assertThat(run("replay", "--all", "--service", "api", "--app", app.toString(), "--limit", "5")).isEqualTo(2);
    assertThat(out.toString()).isEqualTo("inv-b  identical\ninv-a  error[module_not_found]: no module src/api.js in " + app + "\n"
        + "2 replayed: 1 identical, 0 diverged, 1 error\n");
    assertThat(calls).containsExactly("inv-a -", "inv-b app", "all api 5");
  }

  /** The admin API over real HTTP around the same store, as a running server would mount it. */
  com.sun.net.httpserver.HttpServer adminServer(ReplayService replay) throws Exception {
    Clock clock = new Clock() {
      @Override public long nowMs() { return NOW_MS; }
      @Override public long monotonicNs() { return 0; }
    };
    var handler = new dev.cairn.server.admin.AdminHandler(writer, replay, clock, "s3cret");
    var http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      List<dev.cairn.core.http.Header> headers = new ArrayList<>();
      exchange.getRequestHeaders().forEach((n, vs) -> vs.forEach(v -> headers.add(new dev.cairn.core.http.Header(n, v))));
      var res = handler.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes()).orElseThrow();
      exchange.sendResponseHeaders(res.status(), res.body().length);
      exchange.getResponseBody().write(res.body());
      exchange.close();
    });
    http.start();
    return http;
  }

  @Test
  void theSameThroughARunningServersAdminApi() throws Exception {
    List<String> replays = new ArrayList<>();
    var http = adminServer(new ReplayService() {
      @Override
      public ReplayReport replay(String id, Optional<Path> code) {
        replays.add(id + " " + code.map(Path::toString).orElse("-"));
        return new ReplayReport(id, false, 1, "log(\"hello\")", "log(\"bye\")", "", "");
      }

      @Override
      public List<ReplayReport> replayAll(String service, Optional<Path> code, int limit) {
        return List.of(new ReplayReport("inv-b", true, -1, "", "", "", ""));
      }
    });
    String url = "http://127.0.0.1:" + http.getAddress().getPort();
    try {
      run("inspect", "inv-a", "--app", app.toString());
      String local = out.toString();
      assertThat(run("inspect", "inv-a", "--server", url, "--token", "s3cret")).isZero();
      assertThat(out.toString()).isEqualTo(local);

      run("invocations", "--app", app.toString(), "--service", "api", "--since", "2h");
      String localList = out.toString();
      environment = Map.of("CAIRN_ADMIN_TOKEN", "s3cret");
      assertThat(run("invocations", "--server", url, "--service", "api", "--since", "2h", "--app", temp.toString())).isZero();
      assertThat(out.toString()).isEqualTo(localList);

      assertThat(run("replay", "inv-a", "--server", url, "--code", app.toString())).isEqualTo(1);
      assertThat(out.toString()).isEqualTo("divergence at entry #1: recorded log(\"hello\"); now log(\"bye\")\n");
      assertThat(replays).containsExactly("inv-a " + app);
      assertThat(run("replay", "--all", "--service", "api", "--server", url, "--json")).isZero();
      assertThat(out.toString()).isEqualTo("{\"reports\":[{\"invocationId\":\"inv-b\",\"identical\":true,\"entryIndex\":-1,"
          + "\"recorded\":\"\",\"actual\":\"\",\"jsStack\":\"\",\"error\":\"\",\"note\":\"\"}],"
          + "\"counts\":{\"replayed\":1,\"identical\":1,\"diverged\":0,\"errors\":0}}\n");

      assertThat(run("inspect", "nope", "--server", url)).isEqualTo(2);
      assertThat(err.toString()).isEqualTo("cairn: error[invocation_not_found]: no recorded invocation nope (list them with cairn invocations)" + NL);
      assertThat(run("inspect", "inv-a", "--server", url, "--token", "wrong")).isEqualTo(2);
      assertThat(err.toString()).startsWith("cairn: error[admin_unauthorized]: ");
      environment = Map.of();
      assertThat(run("inspect", "inv-a", "--server", url, "--app", app.toString())).isEqualTo(2);
      assertThat(err.toString()).startsWith("cairn: error[admin_token_missing]: --server needs the admin token");
      Files.writeString(app.resolve(".cairn/admin-token"), "s3cret\n");
      assertThat(run("inspect", "inv-a", "--server", url, "--app", app.toString())).isZero();
    } finally {
      http.stop(0);
    }
  }
}
