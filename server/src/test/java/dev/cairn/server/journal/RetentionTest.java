package dev.cairn.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.spi.JournalStore;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's journal.bytesMax is enforced by the node in the background, oldest invocations first. */
class RetentionTest {
  @TempDir Path dir;

  @Test
  void journalsBeyondTheSizeLimitAreRemovedOnTheNextStart() throws Exception {
    Files.writeString(dir.resolve("cairn.yaml"), "app: ret\njournal: { bytesMax: 2000 }\nservices:\n  api: { module: api.js }\n");
    Files.writeString(dir.resolve("api.js"), "export default { fetch() { return new Response('x'.repeat(300)); } };");
    try (CairnServer s = CairnServer.start(ServerOptions.of(dir, 0, false)); HttpClient http = HttpClient.newHttpClient()) {
      for (int i = 0; i < 10; i++) {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/" + i)).build(), HttpResponse.BodyHandlers.ofString());
      }
      for (int i = 0; i < 200 && count(s.journals()) < 10; i++) Thread.sleep(10);
      assertThat(count(s.journals())).isEqualTo(10);
    }
    // retention runs right after start, then every minute
    try (CairnServer s = CairnServer.start(ServerOptions.of(dir, 0, false))) {
      int left = 10;
      for (int i = 0; i < 300 && left == 10; i++) {
        Thread.sleep(10);
        left = count(s.journals());
      }
      var kept = s.journals().list(new JournalStore.Query(Optional.empty(), Optional.empty(), 0, 100));
      assertThat(left).isBetween(1, 9);
      assertThat(kept.stream().mapToLong(JournalStore.InvocationSummary::bytes).sum()).isLessThanOrEqualTo(2000);
    }
  }

  private static int count(JournalStore store) {
    return store.list(new JournalStore.Query(Optional.empty(), Optional.empty(), 0, 100)).size();
  }
}
