package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The journal's invariants, each broken once, on append and on load; its limits; its accessors. */
class JournalTest {
  static Started started(long timeMs) {
    return new Started("inv-1", "api", "fetch", Bytes.utf8("{}"), "v1", 42, timeMs);
  }

  static HostCall call(int seq, long startMs) {
    return new HostCall(seq, "now", Bytes.EMPTY, new Outcome.Value(Bytes.utf8(Long.toString(startMs))), startMs, 3);
  }

  @Test
  void keepsEntriesInOrderWithTheirFrames() {
    Journal journal = Journal.begin(started(100));
    journal.append(call(0, 100));
    journal.append(new Suspended("sleep", 101));
    journal.append(new Resumed(500));
    Bytes frame = journal.append(call(1, 500));

    assertThat(journal.outcome()).isEmpty();
    journal.append(new Completed(Bytes.utf8("done"), 501));

    assertThat(journal.size()).isEqualTo(6);
    assertThat(journal.started()).isEqualTo(started(100));
    assertThat(journal.hostCalls()).containsExactly(call(0, 100), call(1, 500));
    assertThat(journal.outcome()).contains(new Completed(Bytes.utf8("done"), 501));
    assertThat(journal.entries()).hasSize(6).startsWith(started(100)).endsWith(new Completed(Bytes.utf8("done"), 501));
    assertThat(journal.encoded(4)).isEqualTo(frame);
    long total = 0;
    for (int i = 0; i < journal.size(); i++) {
      assertThat(JournalCodec.DEFAULT.decode(journal.encoded(i).toArray(), i)).isEqualTo(journal.entry(i));
      total += journal.encoded(i).size();
    }
    assertThat(journal.encodedBytes()).isEqualTo(total);
  }

  @Test
  void loadingStoredFramesGivesAnEqualJournal() {
    Journal journal = Journal.begin(started(1));
    journal.append(call(0, 2));
    journal.append(new Failed("boom", "it broke", "at handler (api.js:3)", 3));

    Journal loaded = Journal.fromEncoded(frames(journal));

    assertThat(loaded.entries()).isEqualTo(journal.entries());
    assertThat(loaded.encodedBytes()).isEqualTo(journal.encodedBytes());
    assertThat(loaded.outcome()).containsInstanceOf(Failed.class);
  }

  @Test
  void theFirstEntryIsStarted() {
    violation(() -> Journal.fromEncoded(encodeAll(call(0, 1))), "entry 0: the first entry must be Started, got HostCall");
    violation(() -> Journal.fromEncoded(List.of()), "entry 0: the journal is empty; the first entry must be Started");
  }

  @Test
  void startedComesOnlyOnce() {
    Journal journal = Journal.begin(started(1));
    journal.append(call(0, 1));

    violation(() -> journal.append(started(2)), "entry 2: Started may only be the first entry");
  }

  @Test
  void hostCallsAreRecordedInCompletionOrderEachSeqOnceAndWithoutGapsByTheEnd() {
    // Promise.all: issued as 0, 1, 2; completed as 2, 0, 1.
    Journal journal = Journal.begin(started(1));
    journal.append(call(2, 1));
    journal.append(call(0, 1));
    violation(() -> journal.append(call(0, 1)), "entry 3: host call seq 0 was already recorded");
    journal.append(call(1, 2));
    journal.append(new Completed(Bytes.EMPTY, 3));
    assertThat(journal.hostCalls()).extracting(HostCall::seq).containsExactly(2, 0, 1);

    Journal gap = Journal.begin(started(1));
    gap.append(call(0, 1));
    gap.append(call(2, 1));
    violation(() -> gap.append(new Completed(Bytes.EMPTY, 2)),
        "entry 3: the invocation ended with host call seqs missing: 2 recorded, largest seq 2");
  }

  @Test
  void nothingFollowsTheEnd() {
    Journal completed = Journal.begin(started(1));
    completed.append(new Completed(Bytes.EMPTY, 2));
    Journal failed = Journal.begin(started(1));
    failed.append(new Failed("boom", "", "", 2));

    violation(() -> completed.append(call(0, 3)), "entry 2: HostCall after the invocation ended");
    violation(() -> completed.append(new Completed(Bytes.EMPTY, 3)), "entry 2: Completed after the invocation ended");
    violation(() -> failed.append(new Resumed(3)), "entry 2: Resumed after the invocation ended");
  }

  @Test
  void suspendedAndResumedAlternate() {
    Journal journal = Journal.begin(started(1));
    violation(() -> journal.append(new Resumed(2)), "entry 1: Resumed without a preceding Suspended");
    journal.append(new Suspended("sleep", 2));

    violation(() -> journal.append(new Suspended("again", 3)), "entry 2: after Suspended only Resumed may come, got Suspended");
    violation(() -> journal.append(call(0, 3)), "entry 2: after Suspended only Resumed may come, got HostCall");
    assertThat(journal.isSuspended()).isTrue();
    journal.append(new Resumed(3));
    assertThat(journal.isSuspended()).isFalse();
  }

  @Test
  void timeNeverGoesBackwards() {
    Journal journal = Journal.begin(started(100));
    journal.append(call(0, 100)); // equal is fine: Date.now() does not tick while code runs

    violation(() -> journal.append(call(1, 99)), "entry 2: time goes backwards: 99 ms after 100 ms");
    violation(() -> journal.append(new Completed(Bytes.EMPTY, -5)), "entry 2: time goes backwards: -5 ms after 100 ms");
  }

  @Test
  void aRejectedAppendChangesNothing() {
    Journal journal = Journal.begin(started(1));
    journal.append(call(0, 1));
    long bytes = journal.encodedBytes();

    violation(() -> journal.append(call(0, 1)), "entry 2: host call seq 0 was already recorded");

    assertThat(journal.size()).isEqualTo(2);
    assertThat(journal.encodedBytes()).isEqualTo(bytes);
    journal.append(call(1, 1));
    assertThat(journal.hostCalls()).hasSize(2);
  }

  @Test
  void loadingChecksTheSameInvariantsAndNamesTheEntry() {
    violation(() -> Journal.fromEncoded(encodeAll(started(1), call(0, 1), call(0, 1))), "entry 2: host call seq 0 was already recorded");
    violation(() -> Journal.fromEncoded(encodeAll(started(1), new Completed(Bytes.EMPTY, 2), call(0, 3))),
        "entry 2: HostCall after the invocation ended");
    violation(() -> Journal.fromEncoded(encodeAll(started(5), call(0, 4))), "entry 1: time goes backwards: 4 ms after 5 ms");
  }

  @Test
  void aCorruptStoredEntryIsNamedAndNothingPastItIsRead() {
    List<byte[]> stored = encodeAll(started(1), call(0, 1), call(1, 2), call(2, 3));
    stored.get(2)[5] ^= 0x10;

    assertThatThrownBy(() -> Journal.fromEncoded(stored))
        .isInstanceOfSatisfying(JournalException.class, e -> {
          assertThat(e.code()).isEqualTo("journal_corrupt");
          assertThat(e.entryIndex()).isEqualTo(2);
        })
        .hasMessageStartingWith("entry 2: checksum mismatch");
  }

  @Test
  void entriesMaxIsEnforcedOnAppendAndOnLoad() {
    JournalLimits limits = JournalLimits.DEFAULTS.withEntriesMax(3);
    Journal journal = Journal.begin(started(1), limits);
    journal.append(call(0, 1));
    journal.append(call(1, 1));

    limit(() -> journal.append(call(2, 1)), "entry 3: entriesMax is 3, this needs 4");
    limit(() -> Journal.fromEncoded(encodeAll(started(1), call(0, 1), call(1, 1), call(2, 1)), limits),
        "entry 3: entriesMax is 3, this needs 4");
    assertThat(JournalLimits.DEFAULTS.entriesMax()).isEqualTo(100_000);
  }

  @Test
  void bytesMaxIsEnforcedOnAppendAndOnLoad() {
    Journal unlimited = Journal.begin(started(1));
    unlimited.append(call(0, 1));
    long twoEntries = unlimited.encodedBytes();
    JournalLimits limits = JournalLimits.DEFAULTS.withBytesMax(twoEntries + 5);
    Journal journal = Journal.begin(started(1), limits);
    journal.append(call(0, 1));

    limit(() -> journal.append(call(1, 1)), "entry 2: bytesMax is " + (twoEntries + 5) + ", this needs " + (twoEntries + unlimited.encoded(1).size()));
    limit(() -> Journal.fromEncoded(encodeAll(started(1), call(0, 1), call(1, 1)), limits), "entry 2: bytesMax is");
    assertThat(JournalLimits.DEFAULTS.bytesMax()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void entryBytesMaxIsEnforcedOnAppendAndOnLoad() {
    JournalLimits limits = JournalLimits.DEFAULTS.withEntryBytesMax(100);
    Journal journal = Journal.begin(started(1), limits);
    HostCall big = new HostCall(0, "fetch", Bytes.of(new byte[200]), new Outcome.Value(Bytes.EMPTY), 1, 1);

    limit(() -> journal.append(big), "entry 1: entryBytesMax is 100, this needs");
    limit(() -> Journal.fromEncoded(encodeAll(started(1), big), limits), "entry 1: entryBytesMax is 100, this needs");
    assertThat(journal.size()).isEqualTo(1);
    assertThat(JournalLimits.DEFAULTS.entryBytesMax()).isEqualTo(16 * 1024 * 1024);
  }

  static List<byte[]> encodeAll(JournalEntry... entries) {
    List<byte[]> frames = new ArrayList<>();
    for (JournalEntry entry : entries) frames.add(JournalCodec.DEFAULT.encode(entry, frames.size()));
    return frames;
  }

  static List<byte[]> frames(Journal journal) {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < journal.size(); i++) frames.add(journal.encoded(i).toArray());
    return frames;
  }

  private static void violation(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_invariant"))
        .hasMessage(message);
  }

  private static void limit(ThrowingCallable call, String messageStart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(JournalException.class, e -> assertThat(e.code()).isEqualTo("journal_limit_exceeded"))
        .hasMessageStartingWith(messageStart);
  }
}
