package dev.cairn.server.ports.system;

import java.util.Optional;

/**
 * Faults a test can switch on in a real node from outside, with system properties: the crash tests
 * start {@code cairn serve} as its own process and cannot reach into it otherwise. Off unless set.
 *
 * <ul>
 *   <li>{@code cairn.fault.commitDelayMs}: each entity store commit waits this long first, so that a
 *       write stays not-yet-durable long enough for a SIGKILL to land in between.
 * </ul>
 */
public final class FaultInjection {
  private FaultInjection() {}

  /** A pause before each entity commit, when {@code cairn.fault.commitDelayMs} is set. */
  public static Optional<Runnable> entityCommitDelay() {
    long ms = Long.getLong("cairn.fault.commitDelayMs", 0);
    if (ms <= 0) return Optional.empty();
    return Optional.of(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
