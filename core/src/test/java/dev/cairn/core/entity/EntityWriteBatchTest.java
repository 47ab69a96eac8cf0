package dev.cairn.core.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The builder turns an event's operations, in order, into their net effect. */
class EntityWriteBatchTest {
  private static final byte[] V = {1};

  @Test
  void laterOperationsOnAKeyWin() {
    WriteBatch batch = WriteBatch.builder().put("a", V).delete("a").delete("b").put("b", V).build();
    assertThat(batch.puts()).containsOnlyKeys("b");
    assertThat(batch.deletes()).containsExactly("a");
    assertThat(batch.keys()).isEqualTo(2);
  }

  @Test
  void deleteAllForgetsEarlierWritesAndMakesLaterDeletesMoot() {
    WriteBatch batch = WriteBatch.builder().put("a", V).delete("b").deleteAll().put("c", V).delete("d").build();
    assertThat(batch.deleteAll()).isTrue();
    assertThat(batch.puts()).containsOnlyKeys("c");
    assertThat(batch.deletes()).isEmpty();
    assertThat(batch.alarm()).isEqualTo(AlarmChange.UNCHANGED);
  }

  @Test
  void alarmChangesAreExplicit() {
    assertThat(WriteBatch.builder().setAlarm(OptionalLong.of(7)).build().alarm()).isEqualTo(new AlarmChange.SetTo(7));
    assertThat(WriteBatch.builder().setAlarm(OptionalLong.of(7)).setAlarm(OptionalLong.empty()).build().alarm())
        .isEqualTo(AlarmChange.CLEARED);
    assertThat(WriteBatch.builder().build().isEmpty()).isTrue();
  }

  @Test
  void aKeyBothPutAndDeletedIsABug() {
    assertThatThrownBy(() -> new WriteBatch(false, new TreeMap<>(Map.of("a", V)), new java.util.TreeSet<>(Set.of("a")),
        AlarmChange.UNCHANGED)).isInstanceOf(IllegalStateException.class).hasMessageContaining("both put and deleted");
  }
}
