package dev.cairn.store.entity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.EntityLimits;
import dev.cairn.core.entity.EntityStoreException;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.journal.ThreadsForTests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read and write contract of {@link SqliteEntityStore} on a real file, limits included. */
class SqliteEntityStoreTest {
  static final EntityAddress COUNTER = new EntityAddress("Counter", "page:/home");
  static final EntityAddress OTHER = new EntityAddress("Counter", "page:/about");

  @TempDir Path dir;
  private final ThreadsForTests threads = new ThreadsForTests();
  private SqliteEntityStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    threads.close();
  }

  @Test
  void putGetDeleteSingleAndManyKeysPerEntity() throws Exception {
    store = open();
    commit(COUNTER, WriteBatch.builder().put("a", bytes("1")).put("b", bytes("2")).put("c", bytes("3")));
    commit(OTHER, WriteBatch.builder().put("a", bytes("other")));

    assertThat(text(store.get(COUNTER, "a").orElseThrow())).isEqualTo("1");
    assertThat(store.get(COUNTER, "zzz")).isEmpty();
    assertThat(texts(store.get(COUNTER, List.of("c", "a", "missing", "a")))).containsExactly(
        Map.entry("a", "1"), Map.entry("c", "3"));

    commit(COUNTER, WriteBatch.builder().delete("a").put("b", bytes("two")));
    assertThat(texts(store.list(COUNTER, ListOptions.ALL))).containsExactly(Map.entry("b", "two"), Map.entry("c", "3"));
    assertThat(text(store.get(OTHER, "a").orElseThrow())).as("entities share nothing").isEqualTo("other");
  }

  @Test
  void deleteAllRemovesEveryKeyButKeepsTheAlarmAndLaterPutsInTheBatch() throws Exception {
    store = open();
    commit(COUNTER, WriteBatch.builder().put("a", bytes("1")).put("b", bytes("2")).setAlarm(OptionalLong.of(5_000)));
    commit(COUNTER, WriteBatch.builder().deleteAll().put("fresh", bytes("x")));

    assertThat(texts(store.list(COUNTER, ListOptions.ALL))).containsExactly(Map.entry("fresh", "x"));
    assertThat(store.getAlarm(COUNTER)).hasValue(5_000);
    assertThat(store.storageBytes(COUNTER)).isEqualTo("fresh".length() + 1);
  }

  @Test
  void keysSortInUtf16CodeUnitOrderIncludingLoneSurrogates() throws Exception {
    store = open();
    List<String> keys = new ArrayList<>(List.of("b", "a", "ab", "", "\uFFFF", "😀", "\uE000", "é", "\uD800", "\uDFFF x"));
    WriteBatch.Builder batch = WriteBatch.builder();
    keys.forEach(k -> batch.put(k, bytes(k)));
    commit(COUNTER, batch);

    keys.sort(String::compareTo);
    assertThat(store.list(COUNTER, ListOptions.ALL).keySet()).containsExactlyElementsOf(keys);
    assertThat(store.list(COUNTER, ListOptions.ALL.withReverse(true)).keySet())
        .containsExactlyElementsOf(keys.reversed());
    assertThat(store.list(COUNTER, ListOptions.ALL.withPrefix("\uD83D")).keySet()).containsExactly("😀");
  }

  @Test
  void aBatchWithOneInvalidValueFailsWholeAndChangesNothing() throws Exception {
    store = open(new EntityLimits(16, 8, 4, 8, 1_000));
    commit(COUNTER, WriteBatch.builder().put("keep", bytes("old")).setAlarm(OptionalLong.of(1)));

    CompletableFuture<Void> refused = store.commit(COUNTER, WriteBatch.builder()
        .put("keep", bytes("new")).put("ok", bytes("fine")).put("big", new byte[9]).delete("x")
        .setAlarm(OptionalLong.of(99)).build());

    assertFails(refused, "entity_value_too_large", "\"big\" is 9 bytes, valueBytesMax is 8");
    assertThat(texts(store.list(COUNTER, ListOptions.ALL))).containsExactly(Map.entry("keep", "old"));
    assertThat(store.getAlarm(COUNTER)).hasValue(1);
  }

  @Test
  void everyLimitHasItsOwnError() throws Exception {
    store = open(new EntityLimits(4, 8, 2, 3, 20));
    assertFails(store.commit(COUNTER, WriteBatch.builder().put("toolong", bytes("v")).build()),
        "entity_key_too_long", "\"toolong\" is 7 bytes (UTF-8), keyBytesMax is 4");
    assertFails(store.commit(COUNTER, WriteBatch.builder().put("ééé", bytes("v")).build()),
        "entity_key_too_long", "is 6 bytes");
    assertFails(store.commit(COUNTER, WriteBatch.builder().put("k", new byte[9]).build()),
        "entity_value_too_large", "valueBytesMax is 8");
    assertFails(store.commit(COUNTER, WriteBatch.builder().put("a", bytes("")).put("b", bytes(""))
        .put("c", bytes("")).delete("d").build()), "entity_too_many_keys", "4 keys in one call, batchKeysMax is 3");
    assertThatThrownBy(() -> store.get(COUNTER, List.of("a", "b", "c")))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_too_many_keys"))
        .hasMessageContaining("keysPerCallMax is 2");
    assertThatThrownBy(() -> store.get(COUNTER, "waytoolong"))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_key_too_long"));
    assertThatThrownBy(() -> ListOptions.ALL.withLimit(0))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_invalid_argument"));
    assertThatThrownBy(() -> WriteBatch.builder().setAlarm(OptionalLong.of(-1)))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_invalid_argument"));

    commit(COUNTER, WriteBatch.builder().put("a", new byte[8]).put("b", new byte[8])); // 18 of 20 bytes
    assertFails(store.commit(COUNTER, WriteBatch.builder().put("c", new byte[2]).build()),
        "entity_storage_exceeded", "would hold 21 bytes, entityBytesMax is 20");
    commit(COUNTER, WriteBatch.builder().put("a", new byte[7]).put("c", new byte[2])); // replacing frees a byte
    assertThat(store.storageBytes(COUNTER)).isEqualTo(20);
    assertThat(store.storageBytes(OTHER)).as("limit is per entity").isZero();
    commit(OTHER, WriteBatch.builder().put("a", new byte[8]));
  }

  @Test
  void storageBytesFollowPutsReplacementsDeletesAndVanishWithTheLastKey() throws Exception {
    store = open();
    commit(COUNTER, WriteBatch.builder().put("ab", new byte[10]).put("é", new byte[5]));
    assertThat(store.storageBytes(COUNTER)).isEqualTo(2 + 10 + 2 + 5);
    commit(COUNTER, WriteBatch.builder().put("ab", new byte[3]).delete("é").delete("never-there"));
    assertThat(store.storageBytes(COUNTER)).isEqualTo(2 + 3);
    commit(COUNTER, WriteBatch.builder().delete("ab"));
    assertThat(store.storageBytes(COUNTER)).isZero();
  }

  @Test
  void committedDataAndAlarmsSurviveCloseAndReopen() throws Exception {
    store = open();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      pending.add(store.commit(new EntityAddress("Room", "r" + i),
          WriteBatch.builder().put("n", bytes("v" + i)).setAlarm(OptionalLong.of(1_000 + i)).build()));
    }
    store.close();
    assertThat(pending).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertFails(store.commit(COUNTER, WriteBatch.builder().put("a", bytes("x")).build()), "entity_store_closed", "closed");
    assertThatThrownBy(() -> store.get(COUNTER, "a"))
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo("entity_store_closed"));

    store = open();
    for (int i = 0; i < 200; i++) {
      EntityAddress room = new EntityAddress("Room", "r" + i);
      assertThat(text(store.get(room, "n").orElseThrow())).isEqualTo("v" + i);
      assertThat(store.getAlarm(room)).hasValue(1_000 + i);
    }
  }

  private SqliteEntityStore open() {
    return SqliteEntityStore.open(dir.resolve("entities.db"), threads);
  }

  private SqliteEntityStore open(EntityLimits limits) {
    return SqliteEntityStore.open(dir.resolve("entities.db"), threads, SqliteEntityStoreLimits.DEFAULTS.withEntity(limits));
  }

  private void commit(EntityAddress entity, WriteBatch.Builder batch) throws Exception {
    store.commit(entity, batch.build()).get(10, TimeUnit.SECONDS);
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  static List<Map.Entry<String, String>> texts(SequencedMap<String, byte[]> values) {
    return values.entrySet().stream().map(e -> Map.entry(e.getKey(), text(e.getValue()))).toList();
  }

  static void assertFails(CompletableFuture<?> future, String code, String messagePart) {
    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(EntityStoreException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(messagePart);
  }
}
