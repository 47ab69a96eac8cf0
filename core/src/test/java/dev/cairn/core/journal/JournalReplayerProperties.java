package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Suspended;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated runs, replayed unchanged and then with one change of the kind code changes make. Calls
 * come from a small alphabet so that repeats are common (the hard case for telling a moved call from
 * a kept one). The expected index is where the two call sequences first differ: the recorded call
 * there, or the end entry when one sequence is a prefix of the other.
 */
class JournalReplayerProperties {
  record Call(String op, Bytes args) {}

  enum Mutation { CHANGE_ARGUMENT, CHANGE_OP, ADD_CALL, REMOVE_CALL, SWAP_CALLS, CHANGE_OUTPUT }

  @Provide
  Arbitrary<List<Call>> runs() {
    Arbitrary<Call> call = Combinators.combine(
            Arbitraries.of("now", "fetch", "kv.get", "log"),
            Arbitraries.of("", "a", "b", "{\"k\":1}").map(Bytes::utf8))
        .as(Call::new);
    return call.list().ofMaxSize(25);
  }

  @Property(tries = 500)
  void anUnchangedRunReplaysIdentically(
      @ForAll("runs") List<Call> calls, @ForAll @Size(max = 3) List<@IntRange(max = 25) Integer> waits) {
    Journal journal = record(calls, waits, Bytes.utf8("out"));

    assertThat(replay(journal, calls, Bytes.utf8("out"))).isEmpty();
    assertThat(Journal.fromEncoded(JournalTest.frames(journal)).entries()).isEqualTo(journal.entries());
  }

  @Property(tries = 1000)
  void everyChangeIsADivergenceAtTheFirstDifference(
      @ForAll("runs") List<Call> calls,
      @ForAll @Size(max = 3) List<@IntRange(max = 25) Integer> waits,
      @ForAll Mutation mutation,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    Journal journal = record(calls, waits, Bytes.utf8("out"));
    List<Call> actual = new ArrayList<>(calls);
    Bytes output = Bytes.utf8("out");
    int k = calls.isEmpty() ? 0 : where % calls.size();
    switch (mutation) {
      case CHANGE_ARGUMENT -> {
        Assume.that(!calls.isEmpty());
        actual.set(k, new Call(calls.get(k).op(), Bytes.utf8(calls.get(k).args() + "!")));
      }
      case CHANGE_OP -> {
        Assume.that(!calls.isEmpty());
        actual.set(k, new Call(calls.get(k).op() + ".v2", calls.get(k).args()));
      }
      case ADD_CALL -> actual.add(where % (calls.size() + 1), new Call("now", Bytes.EMPTY));
      case REMOVE_CALL -> {
        Assume.that(!calls.isEmpty());
        actual.remove(k);
      }
      case SWAP_CALLS -> {
        Assume.that(calls.size() >= 2 && k + 1 < calls.size() && !calls.get(k).equals(calls.get(k + 1)));
        actual.set(k, calls.get(k + 1));
        actual.set(k + 1, calls.get(k));
      }
      case CHANGE_OUTPUT -> output = Bytes.utf8("other");
    }

    Optional<Divergence> divergence = replay(journal, actual, output);

    assertThat(divergence).as("%s of %s", mutation, calls).isPresent();
    assertThat(divergence.get().entryIndex()).as("%s of %s: %s", mutation, calls, divergence.get())
        .isEqualTo(expectedIndex(journal, calls, actual));
  }

  private static int expectedIndex(Journal journal, List<Call> recorded, List<Call> actual) {
    int i = 0;
    while (i < recorded.size() && i < actual.size() && recorded.get(i).equals(actual.get(i))) i++;
    if (i < recorded.size()) return indexOfCall(journal, i);
    return journal.size() - 1; // the Completed entry: an extra call, or a changed output
  }

  private static int indexOfCall(Journal journal, int seq) {
    for (int index = 0; index < journal.size(); index++) {
      if (journal.entry(index) instanceof HostCall call && call.seq() == seq) return index;
    }
    throw new AssertionError("no call " + seq);
  }

  /** A journal of {@code calls}, with a Suspended/Resumed pair before each call number in {@code waits}. */
  static Journal record(List<Call> calls, List<Integer> waits, Bytes output) {
    Journal journal = Journal.begin(JournalTest.started(0));
    long time = 0;
    for (int seq = 0; seq <= calls.size(); seq++) {
      for (int wait : waits) {
        if (wait == seq) {
          journal.append(new Suspended("sleep", time++));
          journal.append(new Resumed(time++));
        }
      }
      if (seq < calls.size()) {
        Call call = calls.get(seq);
        journal.append(new HostCall(seq, call.op(), call.args(), new Outcome.Value(Bytes.utf8("r" + seq)), time++, 1));
      }
    }
    journal.append(new Completed(output, time));
    return journal;
  }

  /** Replays {@code calls} then {@code output}; the divergence, if one was reported. */
  static Optional<Divergence> replay(Journal journal, List<Call> calls, Bytes output) {
    Replayer replayer = new Replayer(journal);
    try {
      for (int seq = 0; seq < calls.size(); seq++) {
        Outcome outcome = replayer.next(calls.get(seq).op(), calls.get(seq).args());
        assertThat(outcome).isEqualTo(journal.hostCalls().get(seq).outcome());
      }
      replayer.finish(output);
      assertThat(replayer.remaining()).isEmpty();
      return Optional.empty();
    } catch (JournalException e) {
      assertThat(e.code()).isEqualTo("journal_divergence");
      assertThat(replayer.divergence()).isEqualTo(e.divergence());
      return e.divergence();
    }
  }
}
