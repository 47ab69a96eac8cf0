package dev.cairn.core.http;

import java.util.List;

/**
 * An HTTP request as it crosses a boundary (gateway to engine, service to service, engine to
 * network): absolute URL, headers in order, body bytes (empty when there is none).
 */
public record RequestData(String method, String url, List<Header> headers, byte[] body) {
  public RequestData {
    if (method == null || method.isEmpty()) throw new IllegalArgumentException("method is empty");
    if (url == null || url.isEmpty()) throw new IllegalArgumentException("url is empty");
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** First value of a header, compared ignoring case, or null. */
  public String header(String name) {
    for (Header h : headers) if (h.name().equalsIgnoreCase(name)) return h.value();
    return null;
  }
}
