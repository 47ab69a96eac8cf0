package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest {
  @TempDir Path dir;
  private SqliteStorage storage;

  @BeforeEach
  void open() {
    storage = SqliteStorage.open(dir.resolve("cairn.db"));
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void putThenGet() {
    storage.put("cron", "api|* * * * *", "v1");
    assertThat(storage.get("cron", "api|* * * * *")).contains("v1");
  }

  @Test
  void missingKeyIsEmpty() {
    assertThat(storage.get("cron", "nothing")).isEmpty();
  }

  @Test
  void putOverwrites() {
    storage.put("ns", "k", "first");
    storage.put("ns", "k", "second");
    assertThat(storage.get("ns", "k")).contains("second");
  }

  @Test
  void deleteRemovesAndIsIdempotent() {
    storage.put("ns", "k", "v");
    storage.delete("ns", "k");
    storage.delete("ns", "k");
    assertThat(storage.get("ns", "k")).isEmpty();
  }

  @Test
  void namespacesAreIsolated() {
    storage.put("a", "k", "in a");
    storage.put("b", "k", "in b");
    storage.delete("a", "k");
    assertThat(storage.get("a", "k")).isEmpty();
    assertThat(storage.get("b", "k")).contains("in b");
  }

  @Test
  void emptyAndUnicodeValuesRoundTrip() {
    storage.put("ns", "", "");
    storage.put("ns", "ключ|⏰", "значение \u0000 end");
    assertThat(storage.get("ns", "")).contains("");
    assertThat(storage.get("ns", "ключ|⏰")).contains("значение \u0000 end");
  }

  @Test
  void survivesCloseAndReopen() {
    storage.put("ns", "k", "kept");
    storage.put("ns", "gone", "x");
    storage.delete("ns", "gone");
    storage.close();
    storage = SqliteStorage.open(dir.resolve("cairn.db"));
    assertThat(storage.get("ns", "k")).contains("kept");
    assertThat(storage.get("ns", "gone")).isEmpty();
  }

  @Test
  void runsInWalModeWithFullSync() {
    assertThat(storage.pragma("journal_mode")).isEqualToIgnoringCase("wal");
    assertThat(storage.pragma("synchronous")).isEqualTo("2"); // FULL
  }

  @Test
  void concurrentPutsAreAllPresent() throws Exception {
    int threads = 4;
    int putsPerThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < putsPerThread; i++) {
            storage.put("ns", thread + "-" + i, "v" + i);
            assertThat(storage.get("ns", thread + "-" + i)).contains("v" + i);
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < putsPerThread; i++) {
        assertThat(storage.get("ns", t + "-" + i)).contains("v" + i);
      }
    }
  }

  @Test
  void useAfterCloseIsAClearError() {
    storage.close();
    storage.close();
    assertThatThrownBy(() -> storage.get("ns", "k"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo("store_closed"))
        .hasMessageContaining("storage is closed");
    assertThatThrownBy(() -> storage.put("ns", "k", "v")).isInstanceOf(StoreException.class);
  }

  @Test
  void unopenableFileIsAnIoError() {
    Path missingDirectory = dir.resolve("no/such/dir/cairn.db");
    assertThatThrownBy(() -> SqliteStorage.open(missingDirectory))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo("store_io"))
        .hasMessageStartingWith(missingDirectory + ": open failed");
  }
}
