package dev.cairn.js;

import java.util.Map;

/** HTTP status for an error code raised by the host and surfaced through handler code. */
final class ErrorStatus {
  private static final Map<String, Integer> STATUS = Map.ofEntries(
      Map.entry("outbound_not_allowed", 502),
      Map.entry("outbound_failed", 502),
      Map.entry("service_not_found", 502),
      Map.entry("subrequest_limit_exceeded", 500),
      Map.entry("service_overloaded", 503),
      Map.entry("cpu_time_exceeded", 503),
      Map.entry("wall_time_exceeded", 504),
      Map.entry("rpc_method_not_found", 500),
      Map.entry("rpc_not_supported", 500),
      Map.entry("context_lost", 503),
      Map.entry("body_too_large", 413),
      Map.entry("body_unreadable", 400),
      Map.entry("response_too_large", 500),
      Map.entry("client_disconnected", 499),
      Map.entry("capability_unavailable", 503),
      Map.entry("capability_unlinked", 503),
      Map.entry("capability_overloaded", 503),
      Map.entry("capability_no_responders", 503),
      Map.entry("capability_timeout", 504),
      Map.entry("capability_value_too_large", 413),
      Map.entry("capability_key_invalid", 400),
      Map.entry("capability_invalid_argument", 400));

  private ErrorStatus() {}

  static int of(String code) {
    return STATUS.getOrDefault(code, 500);
  }
}
