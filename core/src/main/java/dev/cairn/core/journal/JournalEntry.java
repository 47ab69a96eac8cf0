package dev.cairn.core.journal;

/**
 * One entry of an invocation's journal. A journal is {@link Started}, then the invocation's {@link
 * HostCall}s in the order the handler made them (with {@link Suspended}/{@link Resumed} pairs
 * between them for a workflow that waits), then at most one of {@link Completed} or {@link
 * Failed}. {@link Journal} enforces that order.
 *
 * <p>Sealed, so code that handles entries uses a {@code switch} without {@code default}: a new kind
 * of entry does not compile until every such place handles it (the codec, the lifecycle checks,
 * inspect). Strings are kept well-formed Unicode (see {@link Text#wellFormed}); bytes are {@link
 * Bytes}, immutable and compared by content, so entries are values.
 */
public sealed interface JournalEntry {

  /**
   * The invocation began.
   *
   * @param invocationId the invocation's id
   * @param target the service, entity or workflow name
   * @param kind how it was invoked: {@code fetch}, {@code scheduled}, {@code rpc}, ...
   * @param input the request or event, as the invoker encoded it
   * @param codeVersion the code that ran, so replay can tell old code from new
   * @param seed the seed of the invocation's randomness ({@code Math.random}, {@code crypto})
   * @param timeMs when it began, from the injected clock
   */
  record Started(String invocationId, String target, String kind, Bytes input, String codeVersion, long seed, long timeMs)
      implements JournalEntry {
    public Started {
      invocationId = Text.wellFormed(invocationId, "invocationId");
      target = Text.wellFormed(target, "target");
      kind = Text.wellFormed(kind, "kind");
      input = notNull(input, "input");
      codeVersion = Text.wellFormed(codeVersion, "codeVersion");
    }
  }

  /**
   * One call through the host, the only door out of the sandbox.
   *
   * @param seq 0 for the invocation's first host call, then 1, 2, ... without gaps
   * @param op what was called: {@code fetch}, {@code rpc}, {@code now}, {@code log}, {@code kv.get}, ...
   * @param args the call's arguments, as the op encodes them
   * @param outcome what the handler got back
   * @param startMs when the call was made
   * @param durationUs how long it took, in microseconds (zero or more)
   */
  record HostCall(int seq, String op, Bytes args, Outcome outcome, long startMs, long durationUs) implements JournalEntry {
    public HostCall {
      if (seq < 0) throw new IllegalArgumentException("seq must be >= 0, got " + seq);
      op = Text.wellFormed(op, "op");
      if (op.isEmpty()) throw new IllegalArgumentException("op must not be empty");
      args = notNull(args, "args");
      outcome = notNull(outcome, "outcome");
      if (durationUs < 0) throw new IllegalArgumentException("durationUs must be >= 0, got " + durationUs);
    }
  }

  /** How an invocation ended: {@link Completed} or {@link Failed}. Nothing follows either. */
  sealed interface End extends JournalEntry {}

  /** The handler returned {@code output}; nothing follows. */
  record Completed(Bytes output, long timeMs) implements End {
    public Completed {
      output = notNull(output, "output");
    }
  }

  /** The handler failed with a stable error {@code code}; nothing follows. */
  record Failed(String code, String message, String stack, long timeMs) implements End {
    public Failed {
      code = Text.wellFormed(code, "code");
      message = Text.wellFormed(message, "message");
      stack = Text.wellFormed(stack, "stack");
    }
  }

  /** A workflow stopped to wait ({@code step.sleep}, {@code waitForEvent}); it holds no memory until resumed. */
  record Suspended(String reason, long timeMs) implements JournalEntry {
    public Suspended {
      reason = Text.wellFormed(reason, "reason");
    }
  }

  /** A suspended workflow runs again. */
  record Resumed(long timeMs) implements JournalEntry {}

  /** The entry's kind as a word for messages: {@code Started}, {@code HostCall}, ... */
  default String kindName() {
    return getClass().getSimpleName();
  }

  private static <T> T notNull(T value, String what) {
    if (value == null) throw new IllegalArgumentException(what + " must not be null");
    return value;
  }
}
