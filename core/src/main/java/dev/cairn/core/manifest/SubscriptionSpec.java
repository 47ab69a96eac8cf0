package dev.cairn.core.manifest;

/**
 * A service's subscription to a messaging capability: {@code subscribe: { events: "orders.*" }} or
 * the long form {@code { events: { subject: "orders.*", batchMessagesMax: 10, retriesMax: 3,
 * retryDelayMs: 1000, deadLetter: "orders.dead" } }}. Messages reach the service's {@code message}
 * handler in batches; a failed message is retried after {@code retryDelayMs} doubling up to
 * {@code retryDelayMsMax}, and after {@code retriesMax} retries it is published to {@code deadLetter}
 * (default {@code cairn.dead-letter.<app>.<service>}).
 *
 * @param capability the messaging capability's name
 * @param subject the subject pattern ({@code *} one token, {@code >} the rest)
 * @param batchMessagesMax messages per handler call at most
 * @param retriesMax retries of a failing message before it is dead-lettered
 * @param retryDelayMs the first retry's delay; each further retry doubles it
 * @param retryDelayMsMax the longest delay between retries
 * @param deadLetter where messages go after their last retry, or "" for the default subject
 */
public record SubscriptionSpec(String capability, String subject, int batchMessagesMax, int retriesMax, long retryDelayMs,
    long retryDelayMsMax, String deadLetter) {
  public static final int BATCH_MESSAGES_MAX_DEFAULT = 10;
  public static final int RETRIES_MAX_DEFAULT = 3;
  public static final long RETRY_DELAY_MS_DEFAULT = 1_000;
  public static final long RETRY_DELAY_MS_MAX_DEFAULT = 60_000;

  public SubscriptionSpec {
    if (batchMessagesMax < 1 || batchMessagesMax > 1000) throw new IllegalArgumentException("batchMessagesMax must be in 1..1000");
    if (retriesMax < 0 || retriesMax > 100) throw new IllegalArgumentException("retriesMax must be in 0..100");
    if (retryDelayMs < 1 || retryDelayMsMax < retryDelayMs) {
      throw new IllegalArgumentException("retryDelayMs must be >= 1 and retryDelayMsMax >= retryDelayMs");
    }
  }

  public static SubscriptionSpec of(String capability, String subject) {
    return new SubscriptionSpec(capability, subject, BATCH_MESSAGES_MAX_DEFAULT, RETRIES_MAX_DEFAULT, RETRY_DELAY_MS_DEFAULT,
        RETRY_DELAY_MS_MAX_DEFAULT, "");
  }

  /** The dead-letter subject of a service's subscription. */
  public String deadLetterFor(String app, String service) {
    return deadLetter.isEmpty() ? "cairn.dead-letter." + app + "." + service : deadLetter;
  }
}
