package dev.cairn.core.cron;

import dev.cairn.core.CairnException;

/**
 * A cron expression that cannot be scheduled. The message quotes the whole expression, names the
 * field and says what that field allows, so a user can fix {@code cairn.yaml} without reading the
 * parser: {@code "61 * * * *": minute: 61 is out of range 0-59}.
 *
 * <p>Status 500: a bad cron expression is a deployment mistake of the app, not of a client.
 */
public final class CronException extends CairnException {
  private final String source;
  private final String field;

  private CronException(String source, String field, String message) {
    super("cron_invalid", 500, "\"" + source + "\": " + field + ": " + message);
    this.source = source;
    this.field = field;
  }

  /** {@code field} of {@code source} is malformed, out of range, or can never match. */
  public static CronException invalid(String source, String field, String message) {
    return new CronException(source, field, message);
  }

  /** The expression as written. */
  public String source() {
    return source;
  }

  /** The field at fault ({@code minute}, {@code day-of-week}, ...), or {@code expression} for the whole. */
  public String field() {
    return field;
  }
}
