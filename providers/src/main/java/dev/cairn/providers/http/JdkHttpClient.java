package dev.cairn.providers.http;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.HttpClient;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.core.route.OutboundPolicy;
import dev.cairn.providers.Blocking;
import dev.cairn.providers.ProviderContext;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code http} provider {@code jdk}: the node's {@code Network} port (the JDK HTTP client), limited to
 * the capability's own {@code allow} list (comma-separated, the syntax of {@code outbound.allow}).
 * The capability is the allow-list: code bound to it reaches those hosts and no others, whatever
 * the app's {@code outbound.allow} says.
 */
public final class JdkHttpClient implements HttpClient {
  static final Set<String> SETTINGS = Set.of("allow");

  private final ProviderContext context;
  private final OutboundPolicy allow;

  private JdkHttpClient(ProviderContext context, OutboundPolicy allow) {
    this.context = context;
    this.allow = allow;
  }

  public static HttpClient open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    var hosts = Arrays.stream(context.string("allow", "").split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    for (String h : hosts) {
      if (!h.matches("(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw CapabilityException.badConfig(context.capability(), context.provider(), "allow", "\"" + h + "\" is not host, host:port or *.suffix");
      }
    }
    if (hosts.isEmpty()) {
      throw CapabilityException.badConfig(context.capability(), context.provider(), "allow", "expected at least one host (an http capability is its allow-list)");
    }
    return new JdkHttpClient(context, new OutboundPolicy(hosts));
  }

  @Override
  public CompletableFuture<ResponseData> fetch(RequestData request, long bodyBytesMax, long timeoutMs) {
    URI url;
    try {
      url = new URI(request.url());
    } catch (java.net.URISyntaxException e) {
      return CompletableFuture.failedFuture(CapabilityException.invalidArgument(context.capability(), "not a URL: " + request.url()));
    }
    String scheme = String.valueOf(url.getScheme()).toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || !allow.allows(url)) {
      return CompletableFuture.failedFuture(CapabilityException.invalidArgument(context.capability(),
          request.url() + " is not allowed; this capability reaches " + String.join(", ", allow.allowList())));
    }
    return Blocking.mapped(context, context.ports().network().fetch(request, bodyBytesMax, timeoutMs));
  }

  @Override
  public CompletableFuture<Void> health() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    // the Network port belongs to the node
  }
}
