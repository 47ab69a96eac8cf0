package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Suspended;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Replay against a recorded run: the same calls answer from the journal; each kind of change in the
 * code is reported once, at the entry where it first shows, with both sides.
 *
 * <p>The journal: 0 Started, 1 fetch, 2 kv.get, 3 Suspended, 4 Resumed, 5 kv.put, 6 Completed.
 */
class JournalReplayerTest {
  static final Outcome PAGE = new Outcome.Value(Bytes.utf8("<html>"));
  static final Outcome MISSING = new Outcome.Error("not_found", "no such key");
  static final Outcome OK = new Outcome.Value(Bytes.EMPTY);

  static Journal recorded() {
    Journal journal = Journal.begin(JournalTest.started(10));
    journal.append(new HostCall(0, "fetch", Bytes.utf8("https://a.example/"), PAGE, 10, 900));
    journal.append(new HostCall(1, "kv.get", Bytes.utf8("user:1"), MISSING, 11, 20));
    journal.append(new Suspended("sleep", 12));
    journal.append(new Resumed(90));
    journal.append(new HostCall(2, "kv.put", Bytes.utf8("user:1=ann"), OK, 90, 30));
    journal.append(new Completed(Bytes.utf8("hello ann"), 91));
    return journal;
  }

  @Test
  void theSameCallsAreAnsweredFromTheJournal() {
    Replayer replayer = new Replayer(recorded());

    assertThat(replayer.next("fetch", Bytes.utf8("https://a.example/"))).isEqualTo(PAGE);
    assertThat(replayer.next("kv.get", "user:1".getBytes())).isEqualTo(MISSING);
    assertThat(replayer.remaining()).extracting(HostCall::op).containsExactly("kv.put");
    assertThat(replayer.next("kv.put", Bytes.utf8("user:1=ann"))).isEqualTo(OK);
    replayer.finish("hello ann".getBytes());

    assertThat(replayer.remaining()).isEmpty();
    assertThat(replayer.divergence()).isEmpty();
  }

  @Test
  void aChangedArgumentDivergesAtThatCall() {
    Replayer replayer = new Replayer(recorded());
    replayer.next("fetch", Bytes.utf8("https://a.example/"));

    diverges(() -> replayer.next("kv.get", Bytes.utf8("user:2")), 2,
        "entry 2: divergence: recorded kv.get(\"user:1\"), replay produced kv.get(\"user:2\")");
  }

  @Test
  void aChangedOpDivergesAtThatCall() {
    diverges(() -> new Replayer(recorded()).next("rpc", Bytes.utf8("https://a.example/")), 1,
        "entry 1: divergence: recorded fetch(\"https://a.example/\"), replay produced rpc(\"https://a.example/\")");
  }

  @Test
  void argumentsThatDifferPastTheAbbreviationSayWhere() {
    String prefix = "x".repeat(100);
    Journal journal = Journal.begin(JournalTest.started(1));
    journal.append(new HostCall(0, "log", Bytes.utf8(prefix + "a"), OK, 1, 1));

    diverges(() -> new Replayer(journal).next("log", Bytes.utf8(prefix + "b")), 1,
        "entry 1: divergence: recorded log(\"" + "x".repeat(64) + "\"...(101 bytes)) (arguments differ from byte 100), replay produced log(\""
            + "x".repeat(64) + "\"...(101 bytes))");
  }

  @Test
  void anExtraCallDivergesWhereTheJournalEnded() {
    Replayer replayer = replayedUpToTheEnd();

    diverges(() -> replayer.next("log", Bytes.utf8("bye")), 6,
        "entry 6: divergence: recorded no further host call (completed), replay produced log(\"bye\")");
  }

  @Test
  void aMissingCallDivergesAtTheCallNotMade() {
    Replayer replayer = new Replayer(recorded());
    replayer.next("fetch", Bytes.utf8("https://a.example/"));
    replayer.next("kv.get", Bytes.utf8("user:1"));

    diverges(() -> replayer.finish(Bytes.utf8("hello ann")), 5,
        "entry 5: divergence: recorded host call kv.put(\"user:1=ann\"), replay produced output \"hello ann\"");
    assertThat(replayer.remaining()).extracting(HostCall::seq).containsExactly(2);
  }

  @Test
  void reorderedCallsDivergeAtTheFirstMovedOne() {
    Replayer replayer = new Replayer(recorded());

    diverges(() -> replayer.next("kv.get", Bytes.utf8("user:1")), 1,
        "entry 1: divergence: recorded fetch(\"https://a.example/\"), replay produced kv.get(\"user:1\")");
  }

  @Test
  void aDifferentOutputDivergesAtCompleted() {
    Replayer replayer = replayedUpToTheEnd();

    diverges(() -> replayer.finish(Bytes.utf8("hello bob")), 6,
        "entry 6: divergence: recorded output \"hello ann\", replay produced output \"hello bob\"");
  }

  @Test
  void aFailureInsteadOfTheRecordedOutputDiverges() {
    Replayer replayer = replayedUpToTheEnd();

    diverges(() -> replayer.finishFailed("type_error", "x is undefined"), 6,
        "entry 6: divergence: recorded output \"hello ann\", replay produced failure type_error: \"x is undefined\"");
  }

  @Test
  void aRecordedFailureReplaysAsTheSameFailure() {
    Journal journal = Journal.begin(JournalTest.started(1));
    journal.append(new Failed("type_error", "x is undefined", "at api.js:3", 2));

    new Replayer(journal).finishFailed("type_error", "x is undefined");
    diverges(() -> new Replayer(journal).finish(Bytes.utf8("fine")), 1,
        "entry 1: divergence: recorded failure type_error: \"x is undefined\", replay produced output \"fine\"");
  }

  @Test
  void aJournalWithoutAnEndCannotBeFinished() {
    Journal journal = Journal.begin(JournalTest.started(1));
    journal.append(new Suspended("waitForEvent", 2));

    diverges(() -> new Replayer(journal).finish(Bytes.EMPTY), 2,
        "entry 2: divergence: recorded no end (the invocation was still running or waiting), replay produced output \"\"");
    diverges(() -> new Replayer(journal).next("now", Bytes.EMPTY), 2,
        "entry 2: divergence: recorded no further host call (the journal ends here), replay produced now(\"\")");
  }

  @Test
  void theFirstDivergenceStands() {
    Replayer replayer = new Replayer(recorded());
    diverges(() -> replayer.next("now", Bytes.EMPTY), 1,
        "entry 1: divergence: recorded fetch(\"https://a.example/\"), replay produced now(\"\")");

    diverges(() -> replayer.next("fetch", Bytes.utf8("https://a.example/")), 1,
        "entry 1: divergence: recorded fetch(\"https://a.example/\"), replay produced now(\"\")");
    diverges(() -> replayer.finish(Bytes.utf8("hello ann")), 1,
        "entry 1: divergence: recorded fetch(\"https://a.example/\"), replay produced now(\"\")");
    assertThat(replayer.divergence()).contains(new Divergence(1, "fetch(\"https://a.example/\")", "now(\"\")"));
  }

  @Test
  void binaryArgumentsAreShownInHex() {
    Journal journal = Journal.begin(JournalTest.started(1));
    journal.append(new HostCall(0, "crypto.digest", Bytes.of(new byte[] {0, (byte) 0xff, 7}), OK, 1, 1));

    diverges(() -> new Replayer(journal).next("crypto.digest", Bytes.of(new byte[] {1})), 1,
        "entry 1: divergence: recorded crypto.digest(0x00ff07), replay produced crypto.digest(0x01)");
  }

  private static Replayer replayedUpToTheEnd() {
    Replayer replayer = new Replayer(recorded());
    replayer.next("fetch", Bytes.utf8("https://a.example/"));
    replayer.next("kv.get", Bytes.utf8("user:1"));
    replayer.next("kv.put", Bytes.utf8("user:1=ann"));
    return replayer;
  }

  private static void diverges(ThrowingCallable call, int entryIndex, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(JournalException.class, e -> {
          assertThat(e.code()).isEqualTo("journal_divergence");
          assertThat(e.entryIndex()).isEqualTo(entryIndex);
          assertThat(e.divergence()).hasValueSatisfying(d -> assertThat(d.entryIndex()).isEqualTo(entryIndex));
        })
        .hasMessage(message);
  }
}
