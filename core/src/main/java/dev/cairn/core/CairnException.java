package dev.cairn.core;

/**
 * Root of Cairn's errors. Every error a user can see carries a stable, searchable {@link #code()}
 * (snake_case, never renamed once released) and the HTTP status the gateway answers with.
 *
 * <p>Each module has one family (a subclass with static factories, e.g. {@code ManifestException});
 * code outside that module never invents codes of its own.
 */
public class CairnException extends RuntimeException {
  private final String code;
  private final int httpStatus;

  public CairnException(String code, int httpStatus, String message) {
    this(code, httpStatus, message, null);
  }

  public CairnException(String code, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    Invariants.check(code != null && code.matches("[a-z][a-z0-9_]*"), "error code must be snake_case: %s", code);
    Invariants.check(httpStatus >= 400 && httpStatus <= 599, "error status must be 4xx/5xx: %s", httpStatus);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** Stable error code, for example {@code cpu_time_exceeded}. */
  public String code() {
    return code;
  }

  /** HTTP status the gateway answers with when this error ends a request. */
  public int httpStatus() {
    return httpStatus;
  }
}
