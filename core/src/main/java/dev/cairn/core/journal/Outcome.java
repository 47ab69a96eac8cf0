package dev.cairn.core.journal;

/**
 * What a host call gave back to the handler: a value, or an error the handler sees as a thrown
 * exception. Replay hands the recorded outcome back instead of performing the call.
 */
public sealed interface Outcome {

  /** The call succeeded with {@code result} (encoded by the host op that made it, e.g. JSON). */
  record Value(Bytes result) implements Outcome {
    public Value {
      if (result == null) throw new IllegalArgumentException("result must not be null (use Bytes.EMPTY)");
    }
  }

  /** The call failed with a stable error {@code code} and a human {@code message}. */
  record Error(String code, String message) implements Outcome {
    public Error {
      code = Text.wellFormed(code, "code");
      message = Text.wellFormed(message, "message");
    }
  }
}
