package dev.cairn.server;

import dev.cairn.core.CairnException;

/** Errors of the gateway and the app host, with stable codes. */
public final class ServerException extends CairnException {
  private ServerException(String code, int status, String message) {
    super(code, status, message);
  }

  public static ServerException routeNotFound(String host, String path, java.util.List<String> routes) {
    return new ServerException("route_not_found", 404, "no service routes " + host + path
        + (routes.isEmpty() ? "; the app declares no routes" : "; routes: " + String.join(", ", routes)));
  }

  public static ServerException bodyTooLarge(long max) {
    return new ServerException("body_too_large", 413, "request body exceeds limits.bodyBytesMax = " + max + " bytes");
  }

  public static ServerException bodyUnreadable(String why) {
    return new ServerException("body_unreadable", 400, "the request body could not be read: " + why);
  }

  public static ServerException outboundNotAllowed(String url, java.util.List<String> allow) {
    return new ServerException("outbound_not_allowed", 502, "fetch to " + url + " is not allowed: add its host to outbound.allow in cairn.yaml"
        + (allow.isEmpty() ? " (the list is empty)" : " (allowed: " + String.join(", ", allow) + ")"));
  }

  public static ServerException outboundFailed(String url, String why) {
    return new ServerException("outbound_failed", 502, "fetch to " + url + " failed: " + why);
  }

  /** A fetch with {@code redirect: "error"} got a redirect. */
  public static ServerException redirectRefused(String url, String location) {
    return new ServerException("fetch_redirect_refused", 502, "fetch to " + url + " was redirected to " + location
        + " and the request says redirect: \"error\"");
  }

  /** Something failed that is Cairn's fault, not the request's. */
  public static ServerException internal(String message) {
    return new ServerException("internal_error", 500, message);
  }

  public static ServerException badUrl(String url) {
    return new ServerException("bad_url", 400, "not a valid absolute http(s) URL: " + url);
  }

  public static ServerException serviceNotFound(String service) {
    return new ServerException("service_not_found", 502, "no service named " + service + " in this app");
  }

  public static ServerException entityNotFound(String namespace) {
    return new ServerException("entity_class_not_found", 502, "no entity class named " + namespace + " in this app");
  }

  public static ServerException notServedYet(String what) {
    return new ServerException("not_supported_yet", 501, what);
  }

  public static ServerException startFailed(String message) {
    return new ServerException("server_start_failed", 500, message);
  }
}
