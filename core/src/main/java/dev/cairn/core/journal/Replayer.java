package dev.cairn.core.journal;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers a re-run handler's host calls from its journal, in order, and finds the first place where
 * the handler does something else. Pure logic: it never performs a call.
 *
 * <p>A divergence is thrown, as {@code journal_divergence} carrying the {@link Divergence}, rather
 * than returned: {@link #next} must hand the handler an outcome, and past a divergence there is no
 * recorded outcome to hand; a result type would push that check into every host op. The first
 * divergence is kept: every later call throws it again, so a handler that catches it cannot go on.
 *
 * <p>{@code Suspended} and {@code Resumed} entries are passed over: a waiting workflow makes the same
 * calls whether or not it was evicted in between. Not thread-safe, like the invocation it replays.
 *
 * <p>This is replay as a check ({@code cairn replay}): a call past the end of the journal is a
 * divergence. Recovering a workflow, which goes on live where its journal ends, will ask {@link
 * #remaining()} before each call instead.
 */
public final class Replayer {
  private final Journal journal;
  /** Index of the next entry to match; entry 0 is {@code Started}. */
  private int position = 1;
  private int callsConsumed;
  private Divergence divergence;

  public Replayer(Journal journal) {
    this.journal = journal;
  }

  /** The recorded outcome of the next host call, if the handler made the same call ({@code op} and {@code args}). */
  public Outcome next(String op, Bytes args) {
    throwIfDiverged();
    skipWaits();
    String actual = Divergence.call(op, args);
    if (position >= journal.size()) {
      throw diverge(new Divergence(position, "no further host call (the journal ends here)", actual));
    }
    return switch (journal.entry(position)) {
      case HostCall call when call.op().equals(op) && call.args().equals(args) -> {
        position++;
        callsConsumed++;
        yield call.outcome();
      }
      case HostCall call -> throw diverge(new Divergence(position, describe(call, op, args), actual));
      case Completed c -> throw diverge(new Divergence(position, "no further host call (completed)", actual));
      case Failed f -> throw diverge(new Divergence(position, "no further host call (failed)", actual));
      case Started s -> throw new IllegalStateException("Started past entry 0 was admitted by the journal");
      case Suspended s -> throw new IllegalStateException("skipWaits stops at no Suspended");
      case Resumed r -> throw new IllegalStateException("skipWaits stops at no Resumed");
    };
  }

  public Outcome next(String op, byte[] args) {
    return next(op, Bytes.of(args));
  }

  /** The handler returned {@code output}: checks it made every recorded call and returned what was recorded. */
  public void finish(Bytes output) {
    end("output " + output, recorded -> recorded instanceof Completed c && c.output().equals(output));
  }

  public void finish(byte[] output) {
    finish(Bytes.of(output));
  }

  /** The handler failed with {@code code}: checks it made every recorded call and failed the same way. */
  public void finishFailed(String code, String message) {
    end("failure " + code + ": " + Text.quote(message),
        recorded -> recorded instanceof Failed f && f.code().equals(code) && f.message().equals(message));
  }

  /** Recorded host calls the handler has not made (yet). */
  public List<HostCall> remaining() {
    List<HostCall> calls = journal.hostCalls();
    return calls.subList(callsConsumed, calls.size());
  }

  /** The first divergence found, if any. */
  public Optional<Divergence> divergence() {
    return Optional.ofNullable(divergence);
  }

  private void end(String actual, Predicate<JournalEntry> matches) {
    throwIfDiverged();
    skipWaits();
    if (position >= journal.size()) {
      throw diverge(new Divergence(position, "no end (the invocation was still running or waiting)", actual));
    }
    JournalEntry recorded = journal.entry(position);
    if (matches.test(recorded)) {
      return;
    }
    String recordedText = switch (recorded) {
      case HostCall call -> "host call " + Divergence.call(call.op(), call.args());
      case Completed c -> "output " + c.output();
      case Failed f -> "failure " + f.code() + ": " + Text.quote(f.message());
      case Started s -> throw new IllegalStateException("Started past entry 0 was admitted by the journal");
      case Suspended s -> throw new IllegalStateException("skipWaits stops at no Suspended");
      case Resumed r -> throw new IllegalStateException("skipWaits stops at no Resumed");
    };
    throw diverge(new Divergence(position, recordedText, actual));
  }

  /** The recorded call; when both sides would print the same, where their arguments first differ. */
  private static String describe(HostCall call, String op, Bytes args) {
    String recorded = Divergence.call(call.op(), call.args());
    if (!recorded.equals(Divergence.call(op, args))) return recorded;
    int at = 0;
    while (at < call.args().size() && at < args.size() && call.args().byteAt(at) == args.byteAt(at)) at++;
    return recorded + " (arguments differ from byte " + at + ")";
  }

  private void skipWaits() {
    while (position < journal.size()
        && (journal.entry(position) instanceof Suspended || journal.entry(position) instanceof Resumed)) {
      position++;
    }
  }

  private void throwIfDiverged() {
    if (divergence != null) throw JournalException.divergence(divergence);
  }

  private JournalException diverge(Divergence found) {
    divergence = found;
    return JournalException.divergence(found);
  }
}
