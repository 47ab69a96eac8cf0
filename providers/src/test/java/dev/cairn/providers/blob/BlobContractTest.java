package dev.cairn.providers.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.capability.BlobInfo;
import dev.cairn.core.capability.BlobStore;
import dev.cairn.core.capability.Contract;
import dev.cairn.core.capability.KvListQuery;
import dev.cairn.providers.Await;
import dev.cairn.providers.Providers;
import dev.cairn.providers.TestPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code blob} contract ({@link BlobStore}'s documentation), for every blob provider. */
abstract class BlobContractTest {
  @TempDir Path dataDir;
  TestPorts ports;
  BlobStore blobs;

  abstract String provider();

  abstract Map<String, String> settings();

  BlobStore open(Map<String, String> settings) {
    return (BlobStore) Providers.open(Contract.BLOB, ports.context("files", provider(), settings, dataDir));
  }

  @BeforeEach
  void open() {
    ports = new TestPorts();
    blobs = open(settings());
  }

  @AfterEach
  void close() {
    blobs.close();
    ports.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putGetHeadAndDeleteKeepBodyTypeAndMetadata() {
    BlobInfo put = Await.of(blobs.put("docs/a.txt", b("hello"), "text/plain", Map.of("owner", "ada")));
    assertThat(put.size()).isEqualTo(5);
    assertThat(put.etag()).hasSize(64);
    var got = Await.of(blobs.get("docs/a.txt")).orElseThrow();
    assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(got.info()).isEqualTo(put);
    assertThat(Await.of(blobs.head("docs/a.txt"))).contains(put);
    assertThat(Await.of(blobs.get("nope"))).isEmpty();
    Await.of(blobs.delete(List.of("docs/a.txt", "nope")));
    assertThat(Await.of(blobs.head("docs/a.txt"))).isEmpty();
  }

  @Test
  void aPutReplacesTheWholeObjectAndLargeBodiesRoundTrip() {
    BlobInfo one = Await.of(blobs.put("k", b("one"), "", Map.of("v", "1")));
    byte[] big = new byte[5 << 20];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    BlobInfo two = Await.of(blobs.put("k", big, "application/octet-stream", Map.of()));
    assertThat(two.etag()).isNotEqualTo(one.etag());
    var got = Await.of(blobs.get("k")).orElseThrow();
    assertThat(got.body()).isEqualTo(big);
    assertThat(got.info().customMetadata()).isEmpty();
  }

  @Test
  void listIsInUtf8ByteOrderWithPrefixAndPagesAndLongKeysWork() {
    String longKey = "long/" + "x".repeat(1000);
    for (String k : List.of("b", "a/2", "a/1", "\uE000", "\uD83D\uDE00", "a", longKey)) Await.of(blobs.put(k, b(k), "", Map.of()));
    var all = Await.of(blobs.list(new KvListQuery("", 100, "")));
    assertThat(all.objects()).extracting(BlobInfo::key).containsExactly("a", "a/1", "a/2", "b", longKey, "\uE000", "\uD83D\uDE00");
    var first = Await.of(blobs.list(new KvListQuery("a/", 1, "")));
    assertThat(first.objects()).extracting(BlobInfo::key).containsExactly("a/1");
    assertThat(first.complete()).isFalse();
    var second = Await.of(blobs.list(new KvListQuery("a/", 1, first.cursor())));
    assertThat(second.objects()).extracting(BlobInfo::key).containsExactly("a/2");
    assertThat(second.complete()).isTrue();
    assertThat(new String(Await.of(blobs.get(longKey)).orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo(longKey);
  }

  @Test
  void settingsThatCanNeverWorkAreRefused() {
    assertThatThrownBy(() -> open(Map.of("bodyBytesMax", "100GiB"))).extracting(e -> ((CairnException) e).code()).isEqualTo("capability_bad_config");
    assertThatThrownBy(() -> open(Map.of("colour", "blue"))).extracting(e -> ((CairnException) e).code()).isEqualTo("capability_bad_config");
    Await.of(blobs.health());
  }
}
