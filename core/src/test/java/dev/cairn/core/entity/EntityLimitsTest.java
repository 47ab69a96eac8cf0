package dev.cairn.core.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Key sizes are counted as Workers count them (UTF-8 bytes); every bound has its code. */
class EntityLimitsTest {
  @Test
  void keysAreMeasuredInUtf8Bytes() {
    assertThat(EntityLimits.utf8Bytes("abc")).isEqualTo(3);
    assertThat(EntityLimits.utf8Bytes("é")).isEqualTo(2);
    assertThat(EntityLimits.utf8Bytes("€")).isEqualTo(3);
    assertThat(EntityLimits.utf8Bytes("😀")).isEqualTo(4);
    assertThat(EntityLimits.utf8Bytes("\uD83D")).as("lone high surrogate").isEqualTo(3);
    assertThat(EntityLimits.utf8Bytes("\uDE00\uD83D")).as("reversed pair: two lone surrogates").isEqualTo(6);
  }

  @Test
  void theDefaultsAreWorkersLimits() {
    EntityLimits limits = EntityLimits.DEFAULTS;
    limits.checkKey("k".repeat(2_048));
    assertThatThrownBy(() -> limits.checkKey("k".repeat(2_049)))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_key_too_long"))
        .hasMessageContaining("2049 bytes (UTF-8), keyBytesMax is 2048");
    limits.checkBatch(WriteBatch.builder().put("k", new byte[128 * 1024]).build());
    assertThatThrownBy(() -> limits.checkBatch(WriteBatch.builder().put("k", new byte[128 * 1024 + 1]).build()))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_value_too_large"));
    limits.checkKeys(Collections.nCopies(128, "k"));
    assertThatThrownBy(() -> limits.checkKeys(Collections.nCopies(129, "k")))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_too_many_keys"))
        .hasMessageContaining("129 keys in one call, keysPerCallMax is 128");
  }

  @Test
  void deletesOfImpossibleKeysAreRefusedToo() {
    EntityLimits limits = new EntityLimits(3, 10, 2, 2, 100);
    assertThatThrownBy(() -> limits.checkBatch(WriteBatch.builder().delete("four").build()))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_key_too_long"));
  }
}
