package dev.cairn.server.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Re-runs recorded invocations against their code (or other code) and says whether they behave the
 * same. The CLI and the admin API call this; it never performs a real side effect.
 */
public interface ReplayService {
  /**
   * @param invocationId a recorded invocation
   * @param code another app folder to replay against, or empty for the app as recorded
   */
  ReplayReport replay(String invocationId, Optional<Path> code);

  /** Replays every recorded invocation of {@code service} (newest first, at most {@code limit}). */
  List<ReplayReport> replayAll(String service, Optional<Path> code, int limit);

  /**
   * The outcome of one replay.
   *
   * @param invocationId the invocation replayed
   * @param identical true when every host call and the output matched
   * @param entryIndex the journal entry of the first divergence, or -1
   * @param recorded what the journal holds at that point (abbreviated), or empty
   * @param actual what the code did now, or empty
   * @param jsStack the JavaScript stack where the replayed code diverged, or empty
   * @param error a replay that could not run (missing module, corrupt journal, ...): its code and message, or empty
   * @param note what the reader should know besides the verdict (the code replayed is not the code
   *     recorded, ...), or empty
   */
  record ReplayReport(String invocationId, boolean identical, int entryIndex, String recorded, String actual,
      String jsStack, String error, String note) {
    public ReplayReport(String invocationId, boolean identical, int entryIndex, String recorded, String actual,
        String jsStack, String error) {
      this(invocationId, identical, entryIndex, recorded, actual, jsStack, error, "");
    }

    public ReplayReport withNote(String note) {
      return new ReplayReport(invocationId, identical, entryIndex, recorded, actual, jsStack, error, note);
    }
  }
}
