package dev.cairn.server.manifest;

import dev.cairn.core.manifest.ManifestException;
import dev.cairn.core.route.RoutePattern;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Route patterns ({@code [host]/path}) and outbound hosts ({@code host}, {@code host:port}, {@code
 * *.suffix}). Wildcards are allowed only where matching stays a prefix or suffix test, so a route
 * never needs a regular expression at request time.
 */
final class RoutePatterns {
  private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
  private static final Pattern HOST = Pattern.compile("(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");
  private static final Pattern PATH = Pattern.compile("/[^*\\s?#]*\\*?");

  private RoutePatterns() {}

  /** A route: an optional host (may start with {@code *.}), then a path starting with {@code /}, {@code *} only last. */
  static String route(YamlField field) {
    var route = field.string();
    var slash = route.indexOf('/');
    if (slash < 0) throw routeError(field, route, "it has no path");
    var host = route.substring(0, slash);
    var path = route.substring(slash);
    if (!host.isEmpty() && !HOST.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
      throw routeError(field, route, "\"" + host + "\" is not a host name");
    }
    if (!PATH.matcher(path).matches()) {
      throw routeError(field, route, "the path may hold '*' only as its last character, and no spaces, '?' or '#'");
    }
    var normalized = host.toLowerCase(Locale.ROOT) + path;
    try {
      RoutePattern.parse(normalized); // the router's own parser: what loads here, it can serve
    } catch (IllegalArgumentException e) {
      throw routeError(field, route, e.getMessage());
    }
    return normalized;
  }

  private static ManifestException routeError(YamlField field, String route, String problem) {
    return field.invalid("expected a route like \"/api/*\", \"api.example.com/*\" or \"*.example.com/x\"; "
        + problem + " in \"" + route + "\"");
  }

  /** An outbound host: {@code api.github.com}, {@code *.example.com}, {@code 127.0.0.1:9000}, {@code [::1]:8080}. */
  static String outboundHost(YamlField field) {
    var text = field.string().toLowerCase(Locale.ROOT);
    if (text.contains("/")) throw outboundError(field, text, "write the host alone, without a scheme or path,");
    var host = text;
    var colon = text.lastIndexOf(':');
    if (colon >= 0 && colon > text.lastIndexOf(']')) {
      host = text.substring(0, colon);
      var port = text.substring(colon + 1);
      if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
        throw outboundError(field, text, "the port must be 1 to 65535");
      }
    }
    if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw outboundError(field, text, "\"" + host + "\" is not a host name or address");
    }
    return text;
  }

  private static ManifestException outboundError(YamlField field, String text, String problem) {
    return field.invalid("expected a host like \"api.github.com\", \"*.example.com\" or \"127.0.0.1:9000\"; "
        + problem + " in \"" + text + "\"");
  }
}
