package dev.cairn.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import org.junit.jupiter.api.Test;

/** The checks every provider relies on: subject syntax and matching, and the named limits. */
class SubjectsAndLimitsTest {
  static String code(Runnable r) {
    try {
      r.run();
    } catch (CairnException e) {
      return e.code();
    }
    return "accepted";
  }

  @Test
  void patternsMatchLikeNats() {
    assertThat(Subjects.matches("orders.*", "orders.created")).isTrue();
    assertThat(Subjects.matches("orders.*", "orders.created.eu")).isFalse();
    assertThat(Subjects.matches("orders.>", "orders.created.eu")).isTrue();
    assertThat(Subjects.matches("orders.>", "orders")).isFalse();
    assertThat(Subjects.matches("*.created", "orders.created")).isTrue();
    assertThat(Subjects.matches("orders.created", "orders.created")).isTrue();
    assertThat(Subjects.matches("orders.created", "orders.deleted")).isFalse();
  }

  @Test
  void subjectsAndPatternsAreChecked() {
    assertThat(code(() -> Subjects.checkSubject("c", "orders.created", 256))).isEqualTo("accepted");
    assertThat(code(() -> Subjects.checkSubject("c", "amq.rabbitmq.reply-to.g1h2AA+/==", 256))).isEqualTo("accepted");
    assertThat(code(() -> Subjects.checkSubject("c", "", 256))).isEqualTo("capability_key_invalid");
    assertThat(code(() -> Subjects.checkSubject("c", "a..b", 256))).isEqualTo("capability_key_invalid");
    assertThat(code(() -> Subjects.checkSubject("c", "a.*", 256))).isEqualTo("capability_key_invalid");
    assertThat(code(() -> Subjects.checkSubject("c", "a b", 256))).isEqualTo("capability_key_invalid");
    assertThat(code(() -> Subjects.checkSubject("c", "x".repeat(257), 256))).isEqualTo("capability_key_invalid");
    assertThat(code(() -> Subjects.checkPattern("c", "a.*.>", 256))).isEqualTo("accepted");
    assertThat(code(() -> Subjects.checkPattern("c", "a.>.b", 256))).isEqualTo("capability_key_invalid");
  }

  @Test
  void kvLimitsNameTheLimitAndItsValue() {
    KvLimits limits = KvLimits.DEFAULTS;
    assertThat(code(() -> limits.checkKey("c", "k"))).isEqualTo("accepted");
    assertThat(code(() -> limits.checkKey("c", ".."))).isEqualTo("capability_key_invalid");
    assertThat(code(() -> limits.checkKey("c", "é".repeat(257)))).isEqualTo("capability_key_invalid"); // 514 UTF-8 bytes
    assertThatThrownBy(() -> limits.checkValue("cache", "redis", (1 << 20) + 1, "")).isInstanceOf(CapabilityException.class)
        .hasMessageContaining("valueBytesMax = 1048576").hasMessageContaining("provider redis")
        .extracting(e -> ((CapabilityException) e).code()).isEqualTo("capability_value_too_large");
    assertThat(code(() -> limits.checkValue("c", "p", 1, "x".repeat(1025)))).isEqualTo("capability_value_too_large");
    assertThat(code(() -> limits.checkList("c", "", 1001))).isEqualTo("capability_invalid_argument");
    assertThat(code(() -> MessagingLimits.DEFAULTS.timeoutMs("c", 60_000))).isEqualTo("capability_invalid_argument");
    assertThat(MessagingLimits.DEFAULTS.timeoutMs("c", 0)).isEqualTo(5_000);
  }

  @Test
  void retryableCodesAreExactlyTheOnesThatMayPass() {
    assertThat(CapabilityException.unavailable("c", "redis", "down", null).retryable()).isTrue();
    assertThat(CapabilityException.unlinked("c").retryable()).isTrue();
    assertThat(CapabilityException.timeout("c", "request", 5).retryable()).isTrue();
    assertThat(CapabilityException.tooLarge("c", "v", 2, "valueBytesMax", 1).retryable()).isFalse();
    assertThat(CapabilityException.badConfig("c", "redis", "url", "bad").retryable()).isFalse();
  }
}
