package dev.cairn.providers.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.capability.KvEntry;
import dev.cairn.core.capability.KvWrite;
import dev.cairn.providers.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqliteKvTest extends KvContractTest {
  @Override String provider() { return "sqlite"; }

  @Override Map<String, String> settings() { return Map.of(); }

  @Override Map<String, String> unreachable() { return Map.of("path", "/proc/cairn-no-such-place/kv.db"); }

  /** The capability's SQLite file (its name carries the test's capability name). */
  java.nio.file.Path file() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(dataDir)) {
      return files.filter(f -> f.getFileName().toString().matches("kv-.*\\.db")).findFirst().orElseThrow();
    }
  }

  @Test
  void aReadIsAnsweredOnTheCallersThreadWhenNothingHoldsItUp() {
    Await.of(kv.put("here", b("now"), KvWrite.PLAIN));
    CompletableFuture<Optional<KvEntry>> got = kv.get("here");
    assertThat(got).isDone(); // no hand-off to another thread
    assertThat(s(got.join().orElseThrow().value())).isEqualTo("now");
    assertThat(kv.list(new dev.cairn.core.capability.KvListQuery("", 10, ""))).isDone();
  }

  @Test
  void readsFromManyThreadsAtOnceAllSeeTheLatestWrites() throws Exception {
    for (int i = 0; i < 20; i++) Await.of(kv.put("k" + i, b("v" + i), KvWrite.PLAIN));
    int threads = 6;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      done.add(f);
      Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int n = 0; n < 500; n++) {
            int i = n % 20;
            // some of these find the inline connection taken and go to the blocking executor
            assertThat(s(Await.of(kv.get("k" + i)).orElseThrow().value())).isEqualTo("v" + i);
          }
          f.complete(null);
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      });
    }
    start.countDown();
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    Await.of(kv.put("k3", b("changed"), KvWrite.PLAIN));
    assertThat(s(Await.of(kv.get("k3")).orElseThrow().value())).isEqualTo("changed");
  }

  @Test
  void aReadDoesNotWaitForAnotherConnectionsWriteTransaction() throws Exception {
    Await.of(kv.put("stable", b("before"), KvWrite.PLAIN));
    // Another process's connection holds a write transaction open (as a long write would).
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      other.setAutoCommit(false);
      try (var st = other.createStatement()) {
        st.executeUpdate("UPDATE kv SET value = X'6166746572' WHERE key = 'stable'");
      }
      CompletableFuture<Optional<KvEntry>> got = kv.get("stable");
      assertThat(got).isDone(); // WAL: readers see the last commit and never wait for a writer
      assertThat(s(got.join().orElseThrow().value())).isEqualTo("before");
      other.commit();
    }
    assertThat(s(Await.of(kv.get("stable")).orElseThrow().value())).isEqualTo("after");
  }
}
