package dev.cairn.server;

import dev.cairn.core.http.Header;
import dev.cairn.core.http.RequestData;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Fetch standard's rules for following a redirect: the next URL, method, body and headers. */
final class Redirects {
  private Redirects() {}

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * The request to send after a {@code status} redirect to {@code location} (relative to the
   * request's URL). 303, and 301/302 after a POST, become a GET without a body (as browsers and
   * workerd do); 307 and 308 repeat the request. Credentials do not follow to another origin.
   *
   * @throws IllegalArgumentException when {@code location} is not a URL
   */
  static RequestData follow(RequestData request, int status, String location) {
    URI from = URI.create(request.url());
    URI to;
    try {
      to = from.resolve(new URI(location.strip()));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException("redirect to an invalid location: " + location);
    }
    boolean toGet = status == 303 && !request.method().equals("HEAD")
        || (status == 301 || status == 302) && request.method().equals("POST");
    boolean sameOrigin = sameOrigin(from, to);
    List<Header> headers = new ArrayList<>();
    for (Header h : request.headers()) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (toGet && (name.equals("content-type") || name.equals("content-length") || name.equals("content-encoding")
          || name.equals("content-language") || name.equals("content-location"))) continue;
      if (!sameOrigin && (name.equals("authorization") || name.equals("cookie"))) continue;
      if (name.equals("host")) continue;
      headers.add(h);
    }
    return new RequestData(toGet ? "GET" : request.method(), to.toString(), headers, toGet ? new byte[0] : request.body());
  }

  private static boolean sameOrigin(URI a, URI b) {
    return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
        && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost())) && a.getPort() == b.getPort();
  }
}
