package dev.cairn.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.JournalLimits;
import dev.cairn.core.journal.Outcome;
import dev.cairn.core.spi.JournalStore.InvocationSummary;
import dev.cairn.core.spi.JournalStore.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalViewsTest {
  static final String ID = "01a2060d9e551215c7dc1b32e6ef";
  final List<byte[]> frames = JournalFixtures.addJournal(ID);
  final InvocationSummary summary = new InvocationSummary(ID, "api", "fetch", Status.COMPLETED, 1_000_000, 36, 4, 1234);

  @Test
  void inspectShowsEveryEntryWithRelativeTimeAndDuration() {
    String text = TimelineFormat.inspect(summary, JournalViews.timeline(frames, false));

    assertThat(text).isEqualTo("""
        invocation 01a2060d9e551215c7dc1b32e6ef  api  fetch  completed  36 ms  4 entries  1.2 KB
          #0  +0.0 ms    140 B   started    GET http://127.0.0.1:8787/add  seed=42  code=3f2a9c01d4e5b6a7
          #1  +1.0 ms    89 B    service.rpc adder.add [2,3] -> 5  (0.8 ms)
          #2  +2.0 ms    50 B    log        "hello"  (0.0 ms)
          #3  +36.0 ms   93 B    completed  200 {"sum":5}
        """);
  }

  @Test
  void jsonHasTheSummaryAndEveryFieldOfEachEntry() throws Exception {
    var doc = new ObjectMapper().readTree(JournalViews.json(summary, JournalViews.timeline(frames, false)));

    assertThat(doc.path("summary").toString()).isEqualTo("{\"invocationId\":\"" + ID + "\",\"service\":\"api\",\"kind\":\"fetch\","
        + "\"status\":\"completed\",\"startedAtMs\":1000000,\"durationMs\":36,\"entries\":4,\"bytes\":1234}");
    assertThat(doc.path("timeline").get(1).toString()).isEqualTo("{\"index\":1,\"atMs\":1.0,\"entry\":\"hostCall\",\"bytes\":"
        + frames.get(1).length + ",\"description\":\"adder.add [2,3] -> 5\",\"seq\":0,\"op\":\"service.rpc\","
        + "\"args\":\"{\\\"service\\\":\\\"adder\\\",\\\"method\\\":\\\"add\\\",\\\"args\\\":\\\"[2,3]\\\"}\","
        + "\"result\":\"{\\\"value\\\":\\\"5\\\"}\",\"startMs\":1000001,\"durationUs\":800}");
    assertThat(doc.has("error")).isFalse();
    assertThat(JournalViews.timelineFrom(doc).rows()).extracting(TimelineFormat::line)
        .isEqualTo(JournalViews.timeline(frames, false).rows().stream().map(TimelineFormat::line).toList());
  }

  @Test
  void longPayloadsAreCutUnlessFull() {
    String body = "x".repeat(500);
    Journal j = Journal.begin(new JournalEntry.Started(ID, "api", "fetch", Bytes.utf8("{}"), "v", 1, 0));
    j.append(new JournalEntry.HostCall(0, "log", Bytes.utf8("{\"level\":\"warn\",\"text\":\"" + body + "\"}"),
        new Outcome.Value(Bytes.utf8("{}")), 0, 10));

    TimelineRow cut = JournalViews.timeline(JournalFixtures.frames(j), false).rows().get(1);
    TimelineRow whole = JournalViews.timeline(JournalFixtures.frames(j), true).rows().get(1);

    assertThat(cut.description()).isEqualTo("warn \"" + "x".repeat(120) + "...(500 chars)\"");
    assertThat(whole.description()).isEqualTo("warn \"" + body + "\"");
    assertThat((String) cut.fields().get("args")).hasSize(120 + "...(530 chars)".length());
  }

  @Test
  void aCorruptEntryIsReportedWithItsIndexAndNothingAfterItIsShown() {
    List<byte[]> corrupted = JournalFixtures.flipped(frames, 2);
    Timeline timeline = JournalViews.timeline(corrupted, false);

    byte[] bad = corrupted.get(2);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bad, 0, bad.length - 4);
    int stored = java.nio.ByteBuffer.wrap(bad, bad.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(timeline.rows()).extracting(TimelineRow::index).containsExactly(0, 1);
    assertThat(TimelineFormat.inspect(summary, timeline)).endsWith(
        "  #1  +1.0 ms    89 B    service.rpc adder.add [2,3] -> 5  (0.8 ms)\n"
        + String.format("  #2  error[journal_corrupt]: entry 2: checksum mismatch: stored CRC32C 0x%08x, computed 0x%08x;"
            + " the entry is corrupt or truncated\n", stored, (int) crc.getValue()));
  }

  @Test
  void anUnknownFormatVersionSaysWhichVersionItIs() {
    Timeline timeline = JournalViews.timeline(JournalFixtures.withVersion(frames, 1, 9), false);

    assertThat(timeline.rows()).hasSize(1);
    assertThat(timeline.error().orElseThrow()).isEqualTo(new Timeline.TimelineError("journal_version_unsupported", 1,
        "entry 1: written in journal format version 9, this build reads version 1; read it with a Cairn that knows version 9"));
  }

  @Test
  void aJournalOverTheByteLimitStopsAtTheEntryThatPassesIt() {
    long firstTwo = frames.get(0).length + frames.get(1).length;
    Timeline timeline = JournalViews.timeline(frames, false, JournalLimits.DEFAULTS.withBytesMax(firstTwo));

    assertThat(timeline.rows()).hasSize(2);
    assertThat(timeline.error().orElseThrow().code()).isEqualTo("journal_limit_exceeded");
    assertThat(timeline.error().orElseThrow().entryIndex()).isEqualTo(2);
  }

  @Test
  void failedCallsAndFailuresShowTheirCodes() {
    Journal j = Journal.begin(new JournalEntry.Started(ID, "api", "fetch",
        Bytes.utf8("{\"method\":\"POST\",\"url\":\"http://a/x\",\"headers\":[],\"body\":\"hi\"}"), "v", 1, 0));
    j.append(new JournalEntry.HostCall(0, "fetch", Bytes.utf8("{\"method\":\"GET\",\"url\":\"https://evil\",\"headers\":[],\"body\":\"\"}"),
        new Outcome.Error("outbound_not_allowed", "no"), 1, 1500));
    j.append(new JournalEntry.Failed("uncaught", "boom", "Error: boom\n    at fetch (src/api.js:5:20)", 3));

    assertThat(TimelineFormat.inspect(summary, JournalViews.timeline(JournalFixtures.frames(j), true))).endsWith("""
          #0  +0.0 ms    111 B   started    POST http://a/x hi  seed=1  code=v
          #1  +1.0 ms    102 B   fetch      GET https://evil -> error[outbound_not_allowed] no  (1.5 ms)
          #2  +3.0 ms    64 B    failed     error[uncaught] boom
              Error: boom
                  at fetch (src/api.js:5:20)
        """);
  }
}
