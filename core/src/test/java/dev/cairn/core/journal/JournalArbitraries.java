package dev.cairn.core.journal;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of journal entries of every kind, with the awkward values: empty and large bytes, any Unicode, extreme longs. */
final class JournalArbitraries {
  private JournalArbitraries() {}

  static Arbitrary<JournalEntry> entries() {
    return Arbitraries.oneOf(started(), hostCalls(), completed(), failed(), suspended(), resumed());
  }

  static Arbitrary<Bytes> bytes() {
    Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<byte[]> large = Arbitraries.bytes().array(byte[].class).ofMinSize(200).ofMaxSize(70_000);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0])),
            net.jqwik.api.Tuple.of(8, small),
            net.jqwik.api.Tuple.of(1, large))
        .map(Bytes::of);
  }

  /** Any UTF-16, lone surrogates included (entries turn those into U+FFFD), plus a few multi-byte favourites. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().ascii().ofMaxLength(10),
        Arbitraries.of("", "日本語のテキスト", "🎉🧗‍♀️", "\u0000nul", "é\u0301", "\ud800lone", "x".repeat(300)));
  }

  static Arbitrary<String> ops() {
    return strings().filter(s -> !s.isEmpty());
  }

  static Arbitrary<Long> longs() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, 63L, 64L, -64L, -65L, 1L << 62));
  }

  static Arbitrary<Started> started() {
    return Combinators.combine(strings(), strings(), strings(), bytes(), strings(), longs(), longs())
        .as(Started::new);
  }

  static Arbitrary<Outcome> outcomes() {
    return Arbitraries.oneOf(
        bytes().map(Outcome.Value::new),
        Combinators.combine(strings(), strings()).as(Outcome.Error::new));
  }

  static Arbitrary<HostCall> hostCalls() {
    Arbitrary<Integer> seqs = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 1000), Arbitraries.of(0, 127, 128, Integer.MAX_VALUE));
    Arbitrary<Long> durations = Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(0L, Long.MAX_VALUE));
    return Combinators.combine(seqs, ops(), bytes(), outcomes(), longs(), durations).as(HostCall::new);
  }

  static Arbitrary<Completed> completed() {
    return Combinators.combine(bytes(), longs()).as(Completed::new);
  }

  static Arbitrary<Failed> failed() {
    return Combinators.combine(strings(), strings(), strings(), longs()).as(Failed::new);
  }

  static Arbitrary<Suspended> suspended() {
    return Combinators.combine(strings(), longs()).as(Suspended::new);
  }

  static Arbitrary<Resumed> resumed() {
    return longs().map(Resumed::new);
  }
}
