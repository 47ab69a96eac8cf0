package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.journal.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecorderTest {
  private static Recorder recorder() {
    return new Recorder(new JournalEntry.Started("inv-1", "api", "fetch", Bytes.of(new byte[0]), "v1", 7, 1000));
  }

  private static Outcome value(String json) {
    return new Outcome.Value(Bytes.of(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] args(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Integer> seqs(Journal j) {
    return j.hostCalls().stream().map(JournalEntry.HostCall::seq).toList();
  }

  @Test
  void anEntryTakenLaterIsMadeOnlyAtTheFlushWithTheTimesOfItsAnswer() {
    Recorder r = recorder();
    AtomicInteger made = new AtomicInteger();
    long end = r.hostCallLater(0, "kv.get", () -> {
      made.incrementAndGet();
      return args("{\"binding\":\"KV\",\"key\":\"a\"}");
    }, () -> {
      made.incrementAndGet();
      return value("{\"found\":false}");
    }, 1000, 1005);
    assertThat(end).isEqualTo(1005);
    assertThat(made).hasValue(0); // nothing encoded where the answer arrived

    r.flush();
    assertThat(made).hasValue(2); // the arguments' form and the outcome's
    JournalEntry.HostCall call = r.journal().orElseThrow().hostCalls().getFirst();
    assertThat(call.seq()).isZero();
    assertThat(call.startMs()).isEqualTo(1000);
    assertThat(call.durationUs()).isEqualTo(5000);
    assertThat(call.args()).isEqualTo(Bytes.of(args("{\"binding\":\"KV\",\"key\":\"a\"}")));
    assertThat(call.outcome()).isEqualTo(value("{\"found\":false}"));
    r.flush();
    assertThat(made).hasValue(2); // appended once
  }

  @Test
  void everyOtherAppendAndEveryReadFirstAppendsWhatWaitsInTheOrderItWasAnswered() {
    Recorder r = recorder();
    r.hostCallLater(1, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1001);
    r.hostCallLater(0, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1002);
    r.hostCall(2, "log", args("{}"), value("{}"), 1002, 1002);
    r.hostCallLater(3, "kv.put", () -> args("{}"), () -> value("{}"), 1002, 1003);
    r.completed(args("{}"), 1004);

    Journal j = r.journal().orElseThrow();
    assertThat(seqs(j)).containsExactly(1, 0, 2, 3);
    assertThat(j.entries().getLast()).isInstanceOf(JournalEntry.Completed.class);

    Recorder read = recorder();
    read.hostCallLater(0, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1001);
    assertThat(seqs(read.journal().orElseThrow())).containsExactly(0); // a read sees what waits
  }

  @Test
  void aLaterCallsTimeNeverGoesBeforeWhatWasRecordedEarlier() {
    Recorder r = recorder();
    r.hostCallLater(0, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1010);
    long end = r.hostCallLater(1, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1003); // a clock set back
    assertThat(end).isEqualTo(1010);
    r.failed("boom", "it broke", "", 1004);
    assertThat(((JournalEntry.Failed) r.journal().orElseThrow().entries().getLast()).timeMs()).isEqualTo(1010);
  }

  @Test
  void atMostDeferredMaxWaitAtOnce() {
    Recorder r = recorder();
    AtomicInteger made = new AtomicInteger();
    Supplier<Outcome> counted = () -> {
      made.incrementAndGet();
      return value("{}");
    };
    for (int seq = 0; seq < Recorder.DEFERRED_MAX; seq++) r.hostCallLater(seq, "kv.get", () -> args("{}"), counted, 1000, 1000);
    assertThat(made).hasValue(0);
    r.hostCallLater(Recorder.DEFERRED_MAX, "kv.get", () -> args("{}"), counted, 1000, 1000);
    assertThat(made).hasValue(Recorder.DEFERRED_MAX);
    assertThat(r.journal().orElseThrow().hostCalls()).hasSize(Recorder.DEFERRED_MAX + 1);
  }

  @Test
  void anAnswerThatCannotBeRecordedEndsTheRecordingInsteadOfLeavingAHole() {
    Recorder r = recorder();
    r.hostCallLater(0, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1000);
    r.hostCallLater(1, "kv.get", () -> args("{}"), () -> {
      throw new IllegalStateException("no journal form");
    }, 1000, 1000);
    r.hostCallLater(2, "kv.get", () -> args("{}"), () -> value("{}"), 1000, 1000);
    // broken() is a read: it appends what waits first, and so finds the recording broken.
    assertThat(r.broken().orElseThrow().getMessage()).contains("host call 1 (kv.get) could not be recorded", "no journal form");
    assertThat(r.journal()).isEmpty();

    AtomicInteger made = new AtomicInteger();
    r.hostCallLater(3, "kv.get", () -> args("{}"), () -> {
      made.incrementAndGet();
      return value("{}");
    }, 1000, 1000);
    r.flush();
    assertThat(made).hasValue(0); // nothing more is encoded once the recording has stopped

    // An Error too ends the recording without escaping: flushes run inside completions and the loop's bookkeeping.
    Recorder deep = recorder();
    deep.hostCallLater(0, "kv.get", () -> args("{}"), () -> {
      throw new StackOverflowError();
    }, 1000, 1000);
    deep.flush();
    assertThat(deep.broken().orElseThrow().getMessage()).contains("host call 0 (kv.get) could not be recorded", "StackOverflowError");
  }
}
