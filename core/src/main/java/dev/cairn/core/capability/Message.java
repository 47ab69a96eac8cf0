package dev.cairn.core.capability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message on a subject.
 *
 * @param subject where it was published
 * @param body its bytes
 * @param headers header name to value, in order; names are lower-case ({@code content-type} says
 *     how the body was encoded by a Cairn publisher: text, JSON or bytes)
 * @param replyTo where a reply goes, or "" when none is expected
 */
public record Message(String subject, byte[] body, Map<String, String> headers, String replyTo) {
  public Message {
    if (subject == null || body == null || replyTo == null) throw new IllegalArgumentException("subject, body and replyTo must not be null");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public Message(String subject, byte[] body) {
    this(subject, body, Map.of(), "");
  }

  public Message withReplyTo(String reply) {
    return new Message(subject, body, headers, reply);
  }
}
