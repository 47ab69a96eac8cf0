package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.server.journal.JournalViews;
import dev.cairn.server.journal.TimelineRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies streamed over real HTTP, both ways: a response is seen chunk by chunk as the handler makes
 * it and only as fast as the client reads; a request body reaches the handler as it arrives; the
 * limits cut a stream; and such invocations replay exactly.
 */
class StreamingTest {
  @TempDir static Path dir;
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: streaming
            services:
              api: { module: api.js, routes: ["/*"], limits: { contexts: 1 }, bindings: { ROOMS: { entity: Room } } }
              # cpuTimeMs: above what reading 150 KB costs in a cold interpreter on 2 busy cores (200 was flaky)
              small: { module: small.js, routes: ["/small/*"], limits: { bodyBytesMax: 100000, wallTimeMs: 1500, cpuTimeMs: 1000 } }
            entities:
              Room: { module: room.js, class: Room }
            """,
        "room.js", """
            import { DurableObject } from "cloudflare:workers";
            export class Room extends DurableObject {
              async fetch(request) {
                const enc = new TextEncoder();
                return new Response(ReadableStream.from([enc.encode("room "), enc.encode(await request.text())]));
              }
            }
            """,
        "api.js", """
            let produced = 0;
            const enc = new TextEncoder();
            const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
            export default {
              async fetch(request, env) {
                const path = new URL(request.url).pathname;
                if (path === "/ticks") {
                  let i = 0;
                  return new Response(new ReadableStream({
                    async pull(c) { await sleep(100); c.enqueue(enc.encode("tick " + i + " at " + Date.now())); if (++i === 4) c.close(); },
                  }), { headers: { "content-type": "text/plain" } });
                }
                if (path === "/flood") {
                  return new Response(new ReadableStream({ pull(c) { produced += 16384; c.enqueue(new Uint8Array(16384)); } }));
                }
                if (path === "/produced") return Response.json({ produced });
                if (path === "/upload-echo") {
                  const reader = request.body.getReader();
                  return new Response(new ReadableStream({
                    async pull(c) {
                      const { value, done } = await reader.read();
                      if (done) { c.enqueue(enc.encode("done at " + Date.now())); c.close(); }
                      else c.enqueue(enc.encode("got " + new TextDecoder().decode(value)));
                    },
                  }));
                }
                if (path === "/ignore") return new Response("ignored");
                if (path === "/entity") {
                  const stub = env.ROOMS.get(env.ROOMS.idFromName("a"));
                  return stub.fetch("http://room/", { method: "POST", body: ReadableStream.from([enc.encode("up")]) });
                }
                if (path === "/relay") {
                  // in-process fetch: a stream body goes whole, a streamed answer comes back whole, as a stream
                  const r = await fetch("http://small/small/numbers", { method: "POST", body: ReadableStream.from([enc.encode("3")]) });
                  const isStream = r.body instanceof ReadableStream;
                  return new Response(r.body.pipeThrough(new TextDecoderStream())
                    .pipeThrough(new TransformStream({ transform(t, c) { c.enqueue(t + (isStream ? "!" : "?")); } }))
                    .pipeThrough(new TextEncoderStream()));
                }
                return new Response("?", { status: 404 });
              },
            };
            """,
        "small.js", """
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/small/flood") return new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(30000)); } }));
                if (path === "/small/numbers") {
                  const n = Number(await request.text());
                  let i = 0;
                  return new Response(new ReadableStream({ pull(c) { c.enqueue(new TextEncoder().encode(String(++i))); if (i === n) c.close(); } }));
                }
                if (path === "/small/spin") {
                  return new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); }, pull() { if (this.n++ > 0) for (;;) {} }, n: 0 }));
                }
                if (path === "/small/stuck") return new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("a")); } }));
                if (path === "/small/read") {
                  try { return new Response("read " + (await request.text()).length); }
                  catch (e) { return new Response("caught: " + e.message, { status: 400 }); }
                }
                return new Response("?", { status: 404 });
              },
            };
            """));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static RawHttp connect(int receiveBufferBytes) {
    return new RawHttp(app.server.port(), receiveBufferBytes, 5_000);
  }

  private static String invocationId(String head) {
    return head.lines().filter(l -> l.startsWith(dev.cairn.server.gateway.Gateway.INVOCATION_HEADER + ":"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
  }

  /** The invocation's journal, once it ended (journals are stored a moment after the response). */
  private static Journal journal(String id) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      List<byte[]> frames = app.server.journals().read(id);
      if (!frames.isEmpty()) {
        Journal j = Journal.fromEncoded(frames);
        if (j.outcome().isPresent()) return j;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no finished journal for " + id);
  }

  private static String failureCode(Journal j) {
    return j.outcome().orElseThrow() instanceof JournalEntry.Failed f ? f.code() : "completed";
  }

  @Test
  void aStreamedResponseReachesTheClientChunkByChunkAndReplaysIdentically() throws Exception {
    try (RawHttp http = connect(0)) {
      http.send("GET /ticks HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = http.readHead();
      assertThat(head).startsWith("HTTP/1.1 200").contains("transfer-encoding: chunked").doesNotContain("content-length");
      List<Long> arrivedNs = new ArrayList<>();
      List<String> chunks = new ArrayList<>();
      for (byte[] c; (c = http.readChunk()).length > 0; ) {
        arrivedNs.add(System.nanoTime());
        chunks.add(new String(c, StandardCharsets.UTF_8));
      }
      assertThat(chunks).hasSize(4).allMatch(c -> c.startsWith("tick "));
      // made 100 ms apart (300 ms from first to last, less a busy machine's jitter): a buffered
      // response would have arrived all at once
      assertThat((arrivedNs.getLast() - arrivedNs.getFirst()) / 1_000_000).isGreaterThanOrEqualTo(150);

      String id = invocationId(head);
      Journal j = journal(id);
      assertThat(failureCode(j)).isEqualTo("completed");
      var report = app.server.replays().replay(id, Optional.empty());
      assertThat(report.identical()).as(report.toString()).isTrue();
      List<TimelineRow> rows = JournalViews.timeline(app.server.journals().read(id), false).rows();
      assertThat(rows).filteredOn(r -> r.op().equals("body.write")).hasSize(4)
          .allMatch(r -> r.description().startsWith("response body, "));
      assertThat(rows.getLast().description()).startsWith("200 ").contains(chunks.get(0));
    }
  }

  @Test
  void aSlowClientHoldsTheStreamBackAndLeavingEndsIt() throws Exception {
    try (RawHttp http = connect(4096)) {
      http.send("GET /flood HTTP/1.1\r\nHost: x\r\n\r\n");
      String id = invocationId(http.readHead());
      Thread.sleep(800);
      long stalled = produced();
      Thread.sleep(300);
      // nothing is made while the client reads nothing; what was made fits the socket buffers
      assertThat(produced()).isEqualTo(stalled);
      assertThat(stalled).isLessThan(8L << 20);
      long read = 0;
      while (read < (2L << 20)) read += http.readChunk().length;
      Thread.sleep(100);
      assertThat(produced()).isGreaterThan(stalled);
      http.close();
      assertThat(failureCode(journal(id))).isEqualTo("client_disconnected");
      // the client's pace is in the journal (when each write was taken), so even this replays exactly
      var report = app.server.replays().replay(id, Optional.empty());
      assertThat(report.identical()).as(report.toString()).isTrue();
    }
  }

  private static long produced() {
    String body = app.get("/produced").body();
    return Long.parseLong(body.replaceAll("\\D", ""));
  }

  @Test
  void aResponsePastTheBodyLimitIsCutAndTheInvocationFails() throws Exception {
    try (RawHttp http = connect(0)) {
      http.send("GET /small/flood HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = http.readHead();
      long[] read = {0};
      assertThatThrownBy(() -> {
        for (byte[] c; (c = http.readChunk()).length > 0; ) read[0] += c.length;
      }).isInstanceOf(IOException.class);
      assertThat(read[0]).isLessThanOrEqualTo(100_000);
      assertThat(failureCode(journal(invocationId(head)))).isEqualTo("response_too_large");
    }
  }

  @Test
  void theWallTimeLimitEndsAStuckStream() throws Exception {
    try (RawHttp http = connect(0)) {
      long startNs = System.nanoTime();
      http.send("GET /small/stuck HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = http.readHead();
      assertThat(new String(http.readChunk(), StandardCharsets.UTF_8)).isEqualTo("a");
      assertThatThrownBy(http::readChunk).isInstanceOf(IOException.class);
      assertThat((System.nanoTime() - startNs) / 1_000_000).isBetween(1_400L, 4_000L);
      assertThat(failureCode(journal(invocationId(head)))).isEqualTo("wall_time_exceeded");
    }
  }

  @Test
  void theCpuLimitEndsAStreamThatSpins() throws Exception {
    try (RawHttp http = connect(0)) {
      http.send("GET /small/spin HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = http.readHead();
      assertThat(http.readChunk()).containsExactly(1);
      assertThatThrownBy(http::readChunk).isInstanceOf(IOException.class);
      assertThat(failureCode(journal(invocationId(head)))).isEqualTo("cpu_time_exceeded");
    }
    assertThat(app.get("/small/read").statusCode()).isEqualTo(200); // and the service goes on serving
  }

  @Test
  void aRequestBodyReachesTheHandlerAsItArrivesAndReplaysIdentically() throws Exception {
    try (RawHttp http = connect(0)) {
      http.send("POST /upload-echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      String head = http.readHead();
      assertThat(head).startsWith("HTTP/1.1 200");
      // each answer comes back before the next part of the body is even sent
      http.sendChunk("hello".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(http.readChunk(), StandardCharsets.UTF_8)).isEqualTo("got hello");
      http.sendChunk("abc".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(http.readChunk(), StandardCharsets.UTF_8)).isEqualTo("got abc");
      http.send("0\r\n\r\n");
      assertThat(new String(http.readChunk(), StandardCharsets.UTF_8)).startsWith("done at ");
      assertThat(http.readChunk()).isEmpty();

      String id = invocationId(head);
      Journal j = journal(id);
      assertThat(new String(j.started().input().toArray(), StandardCharsets.UTF_8)).contains("\"bodyStreamed\":true")
          .doesNotContain("hello");
      List<TimelineRow> rows = JournalViews.timeline(app.server.journals().read(id), false).rows();
      assertThat(rows.getFirst().description()).contains("POST http://x/upload-echo (body streamed: see body.read)");
      assertThat(rows).filteredOn(r -> r.op().equals("body.read")).extracting(TimelineRow::description)
          .containsExactly("request body -> 5 bytes hello", "request body -> 3 bytes abc", "request body -> end");
      var report = app.server.replays().replay(id, Optional.empty());
      assertThat(report.identical()).as(report.toString()).isTrue();
    }
  }

  @Test
  void streamsCrossServicesAndEntitiesInProcessAsWholeBodies() {
    var r = app.get("/relay");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("123!");
    // an entity's answer leaves whole (after its output gate), its stream collected
    assertThat(app.get("/entity").body()).isEqualTo("room up");
  }

  @Test
  void aHandlerThatIgnoresAnUploadAnswersWithoutTheNodeReadingIt() throws Exception {
    try (RawHttp http = connect(0)) {
      http.send("POST /ignore HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      http.sendChunk(new byte[1024]);
      // The upload is not finished (no last chunk), yet the answer is there: a node that waited for
      // the whole body would wait forever. (The client sends little, so the node closing the
      // connection after the answer finds nothing unread and the close is clean.)
      String head = http.readHead();
      assertThat(head).startsWith("HTTP/1.1 200").contains("content-length: 7");
      Journal j = journal(invocationId(head));
      assertThat(new String(j.started().input().toArray(), StandardCharsets.UTF_8)).contains("\"bodyStreamed\":true");
      for (int i = 0; i < j.size(); i++) {
        assertThat(j.entry(i) instanceof JournalEntry.HostCall call && call.op().equals("body.read")).isFalse();
      }
    }
  }

  @Test
  void aStreamedRequestPastTheLimitErrorsTheStreamTheHandlerReads() throws Exception {
    try (RawHttp http = connect(0)) {
      http.send("POST /small/read HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 10; i++) http.sendChunk(new byte[15000]);
      http.send("0\r\n\r\n");
      String head = http.readHead();
      assertThat(head).startsWith("HTTP/1.1 400");
      int length = Integer.parseInt(head.lines().filter(l -> l.startsWith("content-length:")).findFirst().orElseThrow()
          .substring("content-length:".length()).strip());
      assertThat(new String(http.readBody(length), StandardCharsets.UTF_8))
          .isEqualTo("caught: request body exceeds limits.bodyBytesMax = 100000 bytes");
    }
  }
}
