package dev.cairn.core.http;

/** One HTTP header field. Names keep the case they arrived with; compare them ignoring case. */
public record Header(String name, String value) {
  public Header {
    if (name == null || name.isEmpty()) throw new IllegalArgumentException("header name is empty");
    if (value == null) throw new IllegalArgumentException("header " + name + " has no value");
  }
}
