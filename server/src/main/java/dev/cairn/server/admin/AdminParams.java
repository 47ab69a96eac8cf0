package dev.cairn.server.admin;

import dev.cairn.core.spi.JournalStore.Query;
import dev.cairn.core.spi.JournalStore.Status;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters the admin API and the CLI share, parsed one way: {@code since} (a duration back
 * from now or epoch milliseconds), {@code status} (with {@code error} for {@code failed}), {@code
 * limit}. Each failure is {@code admin_bad_request} naming the parameter.
 */
public final class AdminParams {
  public static final int LIST_LIMIT_DEFAULT = 50;
  public static final int REPLAY_LIMIT_DEFAULT = 100;

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private AdminParams() {}

  /** {@code 10m}, {@code 2h}, {@code 1d}, {@code 30s}, {@code 500ms} before {@code nowMs}; or epoch ms ({@code 1767225600000}). */
  public static long sinceMs(String value, long nowMs) {
    if (value.matches("\\d{1,19}")) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw AdminException.badRequest("since", "too large: " + value);
      }
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw AdminException.badRequest("since", "expected a duration like 10m, 2h, 1d or epoch milliseconds, got '" + value + "'");
    }
    long unitMs = switch (m.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 86_400_000;
    };
    return nowMs - Long.parseLong(m.group(1)) * unitMs;
  }

  /** {@code running}, {@code completed}, {@code failed}, or {@code error} (the same as failed). */
  public static Status status(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "running" -> Status.RUNNING;
      case "completed" -> Status.COMPLETED;
      case "failed", "error" -> Status.FAILED;
      default -> throw AdminException.badRequest("status", "expected running, completed, failed or error, got '" + value + "'");
    };
  }

  public static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= Query.LIMIT_MAX) return limit;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminException.badRequest("limit", "expected a number from 1 to " + Query.LIMIT_MAX + ", got '" + value + "'");
  }

  /** A listing query from optional parameters, as both the API and the CLI take them. */
  public static Query query(Optional<String> service, Optional<String> status, Optional<String> since,
      Optional<String> limit, long nowMs) {
    Query q = Query.since(since.map(s -> sinceMs(s, nowMs)).orElse(0L), limit.map(AdminParams::limit).orElse(LIST_LIMIT_DEFAULT));
    if (service.isPresent()) q = q.withTarget(service.get());
    if (status.isPresent()) q = q.withStatus(status(status.get()));
    return q;
  }

  /** A URL query string's parameters, decoded; the first of a repeated name wins. */
  static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) return out;
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(name, value);
    }
    return out;
  }
}
