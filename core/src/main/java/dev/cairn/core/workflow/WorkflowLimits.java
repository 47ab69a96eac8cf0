package dev.cairn.core.workflow;

/**
 * The bounds of one workflow instance. Near one (at {@link #WARN_FRACTION}) the instance is warned
 * in its log; past it, the instance ends in a clear terminal error — never stuck.
 *
 * @param stepsMax steps ({@code step.do}, sleeps, waits) one instance may take
 * @param payloadBytesMax encoded size of the params, of one step's result and of the output
 * @param eventBytesMax encoded size of one event's payload
 * @param eventsBufferedMax events sent but not yet taken by a {@code waitForEvent}
 * @param waitMaxMs longest sleep or {@code waitForEvent} timeout
 */
public record WorkflowLimits(int stepsMax, int payloadBytesMax, int eventBytesMax, int eventsBufferedMax, long waitMaxMs) {
  /** 10,000 steps, 1 MiB payloads and events, 1,000 buffered events, waits up to 365 days. */
  public static final WorkflowLimits DEFAULTS = new WorkflowLimits(10_000, 1 << 20, 1 << 20, 1_000, 365L * 24 * 3600 * 1000);

  /** The fraction of a limit at which an instance is warned. */
  public static final double WARN_FRACTION = 0.8;

  public WorkflowLimits {
    if (stepsMax < 1 || payloadBytesMax < 1 || eventBytesMax < 1 || eventsBufferedMax < 1 || waitMaxMs < 1) {
      throw new IllegalArgumentException("workflow limits must be positive");
    }
  }
}
