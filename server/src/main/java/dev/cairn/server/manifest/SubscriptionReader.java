package dev.cairn.server.manifest;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.Subjects;
import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.manifest.SubscriptionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code subscribe:} map: capability name to a subject pattern, or to
 * {@code { subject, batchMessagesMax, retriesMax, retryDelayMs, retryDelayMsMax, deadLetter }}.
 * The capability must be declared with contract {@code messaging}.
 */
final class SubscriptionReader {
  private static final List<String> KEYS = List.of("subject", "batchMessagesMax", "retriesMax", "retryDelayMs", "retryDelayMsMax", "deadLetter");
  private static final int SUBJECT_BYTES_MAX = dev.cairn.core.capability.MessagingLimits.SUBJECT_BYTES_MAX_DEFAULT;

  private SubscriptionReader() {}

  static Map<String, SubscriptionSpec> read(YamlField field, Map<String, CapabilitySpec> capabilities) {
    var result = new LinkedHashMap<String, SubscriptionSpec>();
    field.mapping("a map of messaging capability names to subject patterns").entries().forEach((name, value) -> {
      var capability = capabilities.get(name);
      if (capability == null) {
        throw value.unresolved("no capability named \"" + name + "\" under capabilities:"
            + (capabilities.isEmpty() ? " (none declared)" : " (declared: " + String.join(", ", capabilities.keySet()) + ")"));
      }
      if (!capability.contract().equals("messaging")) {
        throw value.invalid("expected a capability with contract messaging, found \"" + name + "\" with contract " + capability.contract());
      }
      result.put(name, value.isScalar() ? SubscriptionSpec.of(name, subject(value)) : longForm(name, value));
    });
    return result;
  }

  private static SubscriptionSpec longForm(String name, YamlField value) {
    var m = value.mapping("a subject pattern, or a map with subject: and optionally " + String.join(", ", KEYS.subList(1, KEYS.size())), KEYS);
    var subject = subject(m.required("subject", "a subject pattern like orders.*"));
    int batch = (int) bounded(m.optional("batchMessagesMax").orElse(null), SubscriptionSpec.BATCH_MESSAGES_MAX_DEFAULT, 1, 1000);
    int retries = (int) bounded(m.optional("retriesMax").orElse(null), SubscriptionSpec.RETRIES_MAX_DEFAULT, 0, 100);
    long delay = bounded(m.optional("retryDelayMs").orElse(null), SubscriptionSpec.RETRY_DELAY_MS_DEFAULT, 1, 3_600_000);
    long delayMax = bounded(m.optional("retryDelayMsMax").orElse(null), Math.max(delay, SubscriptionSpec.RETRY_DELAY_MS_MAX_DEFAULT), delay, 86_400_000);
    var deadLetter = m.optional("deadLetter").map(SubscriptionReader::deadLetter).orElse("");
    return new SubscriptionSpec(name, subject, batch, retries, delay, delayMax, deadLetter);
  }

  private static long bounded(YamlField field, long fallback, long min, long max) {
    if (field == null) return fallback;
    long v = field.integer();
    if (v < min || v > max) throw field.invalid("expected a whole number in " + min + ".." + max + ", found " + v);
    return v;
  }

  private static String subject(YamlField field) {
    String s = field.string();
    try {
      Subjects.checkPattern("subscribe", s, SUBJECT_BYTES_MAX);
    } catch (CapabilityException e) {
      throw field.invalid(e.getMessage());
    }
    return s;
  }

  private static String deadLetter(YamlField field) {
    String s = field.string();
    try {
      Subjects.checkSubject("deadLetter", s, SUBJECT_BYTES_MAX);
    } catch (CapabilityException e) {
      throw field.invalid(e.getMessage());
    }
    return s;
  }
}
