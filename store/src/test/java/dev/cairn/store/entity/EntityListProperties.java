package dev.cairn.store.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.store.journal.ThreadsForTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The store against a model: random batches applied to both {@link SqliteEntityStore} and a
 * {@link TreeMap} (whose order is {@link String#compareTo}, the UTF-16 order the port promises),
 * then random list options (every combination of prefix, start, end, limit, reverse) must give the
 * same entries in the same order. Keys come from a small alphabet with edge characters (a
 * surrogate pair, lone surrogates, U+FFFF) so that prefixes, bounds and collisions are common.
 */
class EntityListProperties {
  private static final ThreadsForTests THREADS = new ThreadsForTests();
  private static final AtomicInteger ENTITIES = new AtomicInteger();
  private static Path dir;
  private static SqliteEntityStore store;

  @BeforeContainer
  static void open() throws IOException {
    dir = Files.createTempDirectory("entity-properties");
    store = SqliteEntityStore.open(dir.resolve("entities.db"), THREADS);
  }

  @AfterContainer
  static void close() throws IOException {
    store.close();
    THREADS.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One write: a put (value present), a delete (value empty), or a deleteAll (key empty). */
  record Op(Optional<String> key, Optional<byte[]> value) {}

  record Query(Optional<String> prefix, Optional<String> start, Optional<String> end, int limit, boolean reverse) {
    ListOptions options() {
      return new ListOptions(prefix, start, end, limit, reverse);
    }
  }

  @Property(tries = 300)
  void listMatchesASortedMapModel(@ForAll("batches") List<List<Op>> batches, @ForAll("queries") List<Query> queries)
      throws Exception {
    EntityAddress entity = new EntityAddress("Model", "e" + ENTITIES.incrementAndGet());
    NavigableMap<String, byte[]> model = new TreeMap<>();
    for (List<Op> ops : batches) {
      WriteBatch.Builder batch = WriteBatch.builder();
      for (Op op : ops) {
        if (op.key().isEmpty()) {
          batch.deleteAll();
          model.clear();
        } else if (op.value().isPresent()) {
          batch.put(op.key().get(), op.value().get());
          model.put(op.key().get(), op.value().get());
        } else {
          batch.delete(op.key().get());
          model.remove(op.key().get());
        }
      }
      store.commit(entity, batch.build()).get(10, TimeUnit.SECONDS);
    }

    for (Query query : queries) {
      List<String> expected = expected(model, query);
      var actual = store.list(entity, query.options());
      assertThat(actual.keySet()).as("%s", query).containsExactlyElementsOf(expected);
      actual.forEach((k, v) -> assertThat(v).isEqualTo(model.get(k)));
    }
    long bytes = model.entrySet().stream().mapToLong(e -> KeyCodec.encode(e.getKey()).length + e.getValue().length).sum();
    assertThat(store.storageBytes(entity)).isEqualTo(bytes);
    assertThat(store.list(entity, ListOptions.ALL).keySet()).containsExactlyElementsOf(model.keySet());
  }

  private static List<String> expected(NavigableMap<String, byte[]> model, Query query) {
    List<String> keys = new ArrayList<>();
    for (String key : model.keySet()) {
      if (query.options().admits(key)) {
        keys.add(key);
      }
    }
    if (query.reverse()) {
      keys = new ArrayList<>(keys.reversed());
    }
    return keys.subList(0, Math.min(keys.size(), query.limit()));
  }

  @Provide
  Arbitrary<List<List<Op>>> batches() {
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(6);
    Arbitrary<Op> put = Combinators.combine(keys(), values).as((k, v) -> new Op(Optional.of(k), Optional.of(v)));
    Arbitrary<Op> delete = keys().map(k -> new Op(Optional.of(k), Optional.empty()));
    Arbitrary<Op> deleteAll = Arbitraries.just(new Op(Optional.empty(), Optional.empty()));
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, put), net.jqwik.api.Tuple.of(4, delete), net.jqwik.api.Tuple.of(1, deleteAll));
    return op.list().ofMaxSize(12).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Query>> queries() {
    Arbitrary<Optional<String>> bound = keys().optional(0.5);
    Arbitrary<Optional<String>> prefix = keys().map(k -> k.substring(0, Math.min(k.length(), 2))).optional(0.5);
    Arbitrary<Integer> limit = Arbitraries.oneOf(Arbitraries.integers().between(1, 6),
        Arbitraries.just(Integer.MAX_VALUE));
    return Combinators.combine(prefix, bound, bound, limit, Arbitraries.of(true, false))
        .as(Query::new).list().ofMinSize(1).ofMaxSize(8);
  }

  /** Short strings over an alphabet that puts UTF-8 and UTF-16 order at odds. */
  private static Arbitrary<String> keys() {
    Character[] alphabet = {'a', 'b', 'c', '\u00e9', '\uD83D', '\uDE00', '\uE000', '\uFFFF', '\uDFFF', '/'};
    return Arbitraries.of(Arrays.asList(alphabet)).list().ofMaxSize(4)
        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
  }

}
