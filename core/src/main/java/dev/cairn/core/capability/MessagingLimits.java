package dev.cairn.core.capability;

/**
 * The bounds of a {@code messaging} capability. {@code bodyBytesMax} defaults to 1 MiB, the NATS
 * server's default {@code max_payload}; a provider refuses a configured value above what its broker
 * accepts. Request timeouts default to 5 s and are capped at 30 s.
 */
public record MessagingLimits(int subjectBytesMax, long bodyBytesMax, long requestTimeoutMsDefault, long requestTimeoutMsMax) {
  public static final int SUBJECT_BYTES_MAX_DEFAULT = 256;
  public static final long BODY_BYTES_MAX_DEFAULT = 1L << 20;
  public static final long REQUEST_TIMEOUT_MS_DEFAULT = 5_000;
  public static final long REQUEST_TIMEOUT_MS_MAX = 30_000;

  public static final MessagingLimits DEFAULTS =
      new MessagingLimits(SUBJECT_BYTES_MAX_DEFAULT, BODY_BYTES_MAX_DEFAULT, REQUEST_TIMEOUT_MS_DEFAULT, REQUEST_TIMEOUT_MS_MAX);

  public MessagingLimits {
    if (subjectBytesMax < 1 || bodyBytesMax < 1 || requestTimeoutMsDefault < 1 || requestTimeoutMsMax < requestTimeoutMsDefault) {
      throw new IllegalArgumentException("messaging limits must be positive and the default timeout at most the maximum");
    }
  }

  public MessagingLimits withBodyBytesMax(long max) {
    return new MessagingLimits(subjectBytesMax, max, requestTimeoutMsDefault, requestTimeoutMsMax);
  }

  public void checkBody(String capability, String provider, long bytes) {
    if (bytes > bodyBytesMax) {
      throw CapabilityException.tooLarge(capability, "the message body for provider " + provider, bytes, "bodyBytesMax", bodyBytesMax);
    }
  }

  public long timeoutMs(String capability, long requestedMs) {
    if (requestedMs <= 0) return requestTimeoutMsDefault;
    if (requestedMs > requestTimeoutMsMax) {
      throw CapabilityException.invalidArgument(capability, "request timeout " + requestedMs + " ms is over requestTimeoutMsMax = "
          + requestTimeoutMsMax);
    }
    return requestedMs;
  }
}
