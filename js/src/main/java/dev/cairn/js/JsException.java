package dev.cairn.js;

import dev.cairn.core.CairnException;

/**
 * Errors of the JavaScript engine and of handler code, each with a stable code. The gateway turns
 * them into {@code {"error":{"code":..,"message":..}}} responses.
 */
public final class JsException extends CairnException {
  private final String jsStack;

  private JsException(String code, int status, String message, String jsStack, Throwable cause) {
    super(code, status, message, cause);
    this.jsStack = jsStack == null ? "" : jsStack;
  }

  /** The JavaScript stack where the error was thrown, or empty. */
  public String jsStack() {
    return jsStack;
  }

  /** A module (or one it imports) does not exist inside the app folder. */
  public static JsException moduleNotFound(String module, String detail) {
    return new JsException("module_not_found", 500, "module " + module + " cannot be loaded: " + detail, "", null);
  }

  /** A module failed to parse or threw while being evaluated. */
  public static JsException moduleFailed(String module, String message, String stack) {
    return new JsException("module_error", 500, "module " + module + " failed to load: " + message, stack, null);
  }

  /** The handler threw or its promise rejected. */
  public static JsException handlerThrew(String message, String stack) {
    return new JsException("handler_error", 500, message, stack, null);
  }

  /** A host-raised or Cairn-tagged error surfaced through handler code, keeping its code. */
  public static JsException coded(String code, int status, String message, String stack) {
    return new JsException(code, status, message, stack, null);
  }

  public static JsException invalidResponse(String message, String stack) {
    return new JsException("handler_invalid_response", 500, message, stack, null);
  }

  public static JsException handlerMissing(String message) {
    return new JsException("handler_missing", 500, message, "", null);
  }

  public static JsException cpuTimeExceeded(long cpuTimeMs) {
    return new JsException("cpu_time_exceeded", 503,
        "the invocation used more than its CPU time limit of " + cpuTimeMs + " ms (limits.cpuTimeMs)", "", null);
  }

  public static JsException wallTimeExceeded(long wallTimeMs) {
    return new JsException("wall_time_exceeded", 504,
        "the invocation did not finish within its wall time limit of " + wallTimeMs + " ms (limits.wallTimeMs)", "", null);
  }

  public static JsException subrequestLimit(int max) {
    return new JsException("subrequest_limit_exceeded", 500,
        "more than " + max + " sub-requests in one invocation (limits.subrequestsMax)", "", null);
  }

  public static JsException responseTooLarge(long size, long max) {
    return new JsException("response_too_large", 500,
        "response body of " + size + " bytes exceeds limits.bodyBytesMax = " + max, "", null);
  }

  /** A stream or body of one request was used from another request's handler (as in workerd, refused). */
  public static JsException crossRequestIo() {
    return new JsException("cross_request_io", 500, "Cannot perform I/O on behalf of a different request: a request's body"
        + " can only be read and written by the handler of that request", "", null);
  }

  public static JsException overloaded(String service, int max, long waitMs) {
    return new JsException("service_overloaded", 503,
        "service " + service + " has " + max + " invocations in flight (limits.concurrentInvocationsMax) and none finished within "
            + waitMs + " ms (limits.queueWaitMs)", "", null);
  }

  public static JsException contextLost(String message) {
    return new JsException("context_lost", 503, message, "", null);
  }

  public static JsException internal(String message, Throwable cause) {
    return new JsException("internal_error", 500, message, "", cause);
  }
}
