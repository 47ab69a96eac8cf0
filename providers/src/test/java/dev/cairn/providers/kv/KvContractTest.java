package dev.cairn.providers.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.capability.Contract;
import dev.cairn.core.capability.KvEntry;
import dev.cairn.core.capability.KvListQuery;
import dev.cairn.core.capability.KvPage;
import dev.cairn.core.capability.KvStore;
import dev.cairn.core.capability.KvWrite;
import dev.cairn.providers.Await;
import dev.cairn.providers.Providers;
import dev.cairn.providers.TestPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kv} contract ({@link KvStore}'s documentation), run against every provider on its real
 * server. Each run uses a namespace of its own, so runs never see each other's keys. A server that
 * is not running fails the test: nothing here is skipped.
 */
abstract class KvContractTest {
  @TempDir Path dataDir;
  TestPorts ports;
  KvStore kv;

  /** The provider's name. */
  abstract String provider();

  /** Settings that point at the real server (a fresh namespace comes on top). */
  abstract Map<String, String> settings();

  /** Settings that point at a server that is not there. */
  abstract Map<String, String> unreachable();

  KvStore open(Map<String, String> settings) {
    return (KvStore) Providers.open(Contract.KV, ports.context("test" + TestPorts.runId().substring(0, 8), provider(), settings, dataDir));
  }

  @BeforeEach
  void open() {
    ports = new TestPorts();
    Map<String, String> s = new HashMap<>(settings());
    if (!provider().equals("sqlite")) s.put("namespace", "t" + TestPorts.runId());
    kv = open(s);
  }

  @AfterEach
  void close() {
    if (kv != null) kv.close();
    ports.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetReturnsTheValueAndMetadataAndMissingKeysAreAbsent() {
    Await.of(kv.put("a", b("hello"), new KvWrite("{\"v\":1}", 0)));
    KvEntry e = Await.of(kv.get("a")).orElseThrow();
    assertThat(s(e.value())).isEqualTo("hello");
    assertThat(e.metadata()).isEqualTo("{\"v\":1}");
    assertThat(e.expiresAtMs()).isZero();
    assertThat(Await.of(kv.get("missing"))).isEmpty();
    byte[] binary = {0, (byte) 0xFF, 10, (byte) 0x80};
    Await.of(kv.put("bin", binary, KvWrite.PLAIN));
    assertThat(Await.of(kv.get("bin")).orElseThrow().value()).containsExactly(binary);
  }

  @Test
  void aPutReplacesValueAndMetadataAndDeleteRemovesEvenWhenMissing() {
    Await.of(kv.put("k", b("one"), new KvWrite("{\"m\":1}", 0)));
    Await.of(kv.put("k", b("two"), KvWrite.PLAIN));
    KvEntry e = Await.of(kv.get("k")).orElseThrow();
    assertThat(s(e.value())).isEqualTo("two");
    assertThat(e.metadata()).isEmpty();
    Await.of(kv.delete("k"));
    Await.of(kv.delete("k"));
    assertThat(Await.of(kv.get("k"))).isEmpty();
    assertThat(Await.of(kv.list(new KvListQuery("", 10, ""))).keys()).isEmpty();
  }

  @Test
  void expiredKeysAreAbsentForEveryOperation() {
    long now = ports.ports.clock().nowMs();
    Await.of(kv.put("soon", b("5"), new KvWrite("", now + 60_000)));
    Await.of(kv.put("later", b("x"), new KvWrite("", now + 3_600_000)));
    assertThat(Await.of(kv.get("soon")).orElseThrow().expiresAtMs()).isEqualTo(now + 60_000);
    ports.clockOffsetMs.addAndGet(120_000);
    assertThat(Await.of(kv.get("soon"))).isEmpty();
    assertThat(Await.of(kv.list(new KvListQuery("", 10, ""))).keys()).extracting(KvPage.Key::name).containsExactly("later");
    assertThat(Await.of(kv.increment("soon", 2))).isEqualTo(2); // an expired counter counts from 0
    Await.of(kv.put("gone", b("v"), new KvWrite("", ports.ports.clock().nowMs() + 1_000)));
    ports.clockOffsetMs.addAndGet(2_000);
    assertThat(Await.of(kv.compareAndSet("gone", Optional.empty(), b("new"), KvWrite.PLAIN))).isTrue();
  }

  @Test
  void listIsInUtf8ByteOrderWithPrefixPagesAndCursors() {
    // U+E000 sorts before U+1F600 in UTF-8 (EE.. < F0..) but after it in UTF-16.
    List<String> keys = List.of("b", "a", "a/2", "a/1", "\uE000", "\uD83D\uDE00", "a/3", "ab");
    List<CompletableFuture<Void>> puts = new ArrayList<>();
    for (String k : keys) puts.add(kv.put(k, b("v-" + k), new KvWrite(k.equals("a/2") ? "{\"x\":2}" : "", 0)));
    puts.forEach(Await::of);

    KvPage all = Await.of(kv.list(new KvListQuery("", 100, "")));
    assertThat(all.keys()).extracting(KvPage.Key::name).containsExactly("a", "a/1", "a/2", "a/3", "ab", "b", "\uE000", "\uD83D\uDE00");
    assertThat(all.complete()).isTrue();
    assertThat(all.cursor()).isEmpty();
    assertThat(all.keys().get(2).metadata()).isEqualTo("{\"x\":2}");

    KvPage first = Await.of(kv.list(new KvListQuery("a/", 2, "")));
    assertThat(first.keys()).extracting(KvPage.Key::name).containsExactly("a/1", "a/2");
    assertThat(first.complete()).isFalse();
    KvPage second = Await.of(kv.list(new KvListQuery("a/", 2, first.cursor())));
    assertThat(second.keys()).extracting(KvPage.Key::name).containsExactly("a/3");
    assertThat(second.complete()).isTrue();

    KvPage exact = Await.of(kv.list(new KvListQuery("a/", 3, "")));
    assertThat(exact.keys()).hasSize(3);
    assertThat(exact.complete()).isTrue();
    assertThat(Await.of(kv.list(new KvListQuery("zz", 10, ""))).keys()).isEmpty();
  }

  @Test
  void incrementIsAtomicUnderConcurrencyAndRefusesNonIntegers() throws Exception {
    assertThat(Await.of(kv.increment("n", 5))).isEqualTo(5);
    assertThat(Await.of(kv.increment("n", -7))).isEqualTo(-2);
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) all.add(kv.increment("c", 1));
    List<Long> results = all.stream().map(Await::of).sorted().toList();
    assertThat(results).doesNotHaveDuplicates().hasSize(200);
    assertThat(results.getLast()).isEqualTo(200);
    assertThat(s(Await.of(kv.get("c")).orElseThrow().value())).isEqualTo("200");

    Await.of(kv.put("text", b("hello"), KvWrite.PLAIN));
    assertThat(Await.errorCode(kv.increment("text", 1))).isEqualTo("capability_invalid_argument");
    assertThat(s(Await.of(kv.get("text")).orElseThrow().value())).isEqualTo("hello");
  }

  @Test
  void compareAndSetWritesOnlyWhenTheValueIsTheExpectedOne() {
    assertThat(Await.of(kv.compareAndSet("k", Optional.empty(), b("1"), KvWrite.PLAIN))).isTrue();
    assertThat(Await.of(kv.compareAndSet("k", Optional.empty(), b("2"), KvWrite.PLAIN))).isFalse();
    assertThat(Await.of(kv.compareAndSet("k", Optional.of(b("0")), b("2"), KvWrite.PLAIN))).isFalse();
    assertThat(Await.of(kv.compareAndSet("k", Optional.of(b("1")), b("2"), new KvWrite("{\"by\":\"cas\"}", 0)))).isTrue();
    KvEntry e = Await.of(kv.get("k")).orElseThrow();
    assertThat(s(e.value())).isEqualTo("2");
    assertThat(e.metadata()).isEqualTo("{\"by\":\"cas\"}");

    // 50 racing "absent -> mine" writers: exactly one wins.
    List<CompletableFuture<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 50; i++) racers.add(kv.compareAndSet("race", Optional.empty(), b("w" + i), KvWrite.PLAIN));
    assertThat(racers.stream().map(Await::of).filter(Boolean::booleanValue).count()).isEqualTo(1);
  }

  @Test
  void settingsThatCanNeverWorkAreRefusedAndAMissingServerIsUnavailable() {
    assertThatThrownBy(() -> open(Map.of("valueBytesMax", "100GiB"))).isInstanceOf(CairnException.class)
        .hasMessageContaining("valueBytesMax").extracting(e -> ((CairnException) e).code()).isEqualTo("capability_bad_config");
    assertThatThrownBy(() -> open(Map.of("colour", "blue"))).extracting(e -> ((CairnException) e).code()).isEqualTo("capability_bad_config");
    assertThatThrownBy(() -> open(unreachable())).extracting(e -> ((CairnException) e).code()).isEqualTo("capability_unavailable");
    assertThat(open(Map.of("valueBytesMax", "2MiB")).limits().valueBytesMax()).isEqualTo(2L << 20);
  }

  @Test
  void healthIsGoodWhileTheServerAnswers() {
    Await.of(kv.health());
  }
}
