package dev.cairn.core.route;

import java.util.Locale;

/**
 * One route pattern, {@code [host]/path}, as in Workers routes: {@code /api/*},
 * {@code api.example.com/*}, {@code *.example.com/hooks}. The path matches exactly, or by prefix
 * when it ends in {@code *}. The host matches ignoring case and port; {@code *.example.com}
 * matches subdomains of example.com, not example.com itself.
 */
public record RoutePattern(String source, String host, String path, boolean prefix) {

  public static RoutePattern parse(String source) {
    if (source == null || source.isEmpty()) throw new IllegalArgumentException("route is empty");
    int slash = source.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("route " + source + " has no path: expected [host]/path, e.g. /api/*");
    String host = source.substring(0, slash).toLowerCase(Locale.ROOT);
    String path = source.substring(slash);
    if (host.contains(":")) throw new IllegalArgumentException("route " + source + ": a route's host has no port");
    if (host.indexOf('*') > 0 || (host.startsWith("*") && !host.startsWith("*."))) {
      throw new IllegalArgumentException("route " + source + ": a host wildcard must be a leading \"*.\"");
    }
    int star = path.indexOf('*');
    if (star >= 0 && star != path.length() - 1) {
      throw new IllegalArgumentException("route " + source + ": \"*\" may only end the path");
    }
    boolean prefix = star >= 0;
    return new RoutePattern(source, host, prefix ? path.substring(0, path.length() - 1) : path, prefix);
  }

  public boolean matches(String requestHost, String requestPath) {
    if (!host.isEmpty()) {
      String h = stripPort(requestHost).toLowerCase(Locale.ROOT);
      if (host.startsWith("*.")) {
        if (!h.endsWith(host.substring(1))) return false;
      } else if (!h.equals(host)) {
        return false;
      }
    }
    return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
  }

  /** Higher is more specific: a host beats none, an exact host beats a wildcard, longer paths beat shorter, exact beats prefix. */
  int specificity() {
    int hostScore = host.isEmpty() ? 0 : host.startsWith("*.") ? 1 : 2;
    return hostScore * 1_000_000 + path.length() * 2 + (prefix ? 0 : 1);
  }

  static String stripPort(String host) {
    if (host == null) return "";
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(0, end + 1) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }
}
