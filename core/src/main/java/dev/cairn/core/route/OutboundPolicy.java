package dev.cairn.core.route;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts handler code may reach with an outbound {@code fetch}: the manifest's
 * {@code outbound.allow} list. Entries are {@code host} (any port), {@code host:port}, or
 * {@code *.suffix}. Empty allows nothing, so outbound access is always explicit.
 */
public final class OutboundPolicy {
  private final List<String> allow;

  public OutboundPolicy(List<String> allow) {
    this.allow = allow.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  public boolean allows(URI url) {
    String host = url.getHost();
    if (host == null) return false;
    host = host.toLowerCase(Locale.ROOT);
    int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    for (String a : allow) {
      if (a.startsWith("*.")) {
        if (host.endsWith(a.substring(1))) return true;
      } else if (a.contains(":") && !a.startsWith("[")) {
        if (a.equals(host + ":" + port)) return true;
      } else if (a.equals(host)) {
        return true;
      }
    }
    return false;
  }

  public List<String> allowList() {
    return allow;
  }
}
