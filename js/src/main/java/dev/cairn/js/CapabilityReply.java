package dev.cairn.js;

import dev.cairn.core.Invariants;
import java.nio.charset.StandardCharsets;

/**
 * What a capability call answered: a JSON object (found, metadata, cursor, ...) and an optional body
 * (a value, a reply, an object's bytes). Handler code gets both; the journal gets
 * {@link #journalResult()}, the object with the body fields of docs/journal.md.
 *
 * @param json a JSON object's text
 * @param body the body's bytes, or null when the answer has none
 */
public record CapabilityReply(String json, byte[] body) {
  public static final CapabilityReply EMPTY = new CapabilityReply("{}", null);

  public CapabilityReply {
    Invariants.check(json.startsWith("{") && json.endsWith("}"), "a capability reply must be a JSON object: %s", json);
  }

  public byte[] journalResult() {
    return JournalJson.withBody(json.getBytes(StandardCharsets.UTF_8), body);
  }
}
