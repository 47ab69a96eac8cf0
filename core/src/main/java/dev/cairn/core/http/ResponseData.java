package dev.cairn.core.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** An HTTP response as it crosses a boundary. */
public record ResponseData(int status, List<Header> headers, byte[] body) {
  public ResponseData {
    if (status < 100 || status > 999) throw new IllegalArgumentException("status out of range: " + status);
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  public static ResponseData json(int status, String json) {
    return new ResponseData(status, List.of(new Header("content-type", "application/json")),
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** First value of a header, compared ignoring case, or null. */
  public String header(String name) {
    for (Header h : headers) if (h.name().equalsIgnoreCase(name)) return h.value();
    return null;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
