package dev.cairn.server.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.capability.KvEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvOpsTest {
  // The journal keeps these texts (docs/journal.md, kv.get): the hand-written ones must not drift from
  // what the general writer makes.
  @Test
  void aFoundReplyIsTheTextTheGeneralWriterMakes() {
    for (KvEntry e : new KvEntry[] {
        new KvEntry("v".getBytes(StandardCharsets.UTF_8), "", 0),
        new KvEntry(new byte[0], "{\"v\":1,\"s\":\"a\\\"b\\n\"}", 1_790_000_000_000L)}) {
      var expected = Replies.of(Replies.fields("found", true, "metadata", e.metadata(), "expiresAtMs", e.expiresAtMs()), e.value());
      var got = KvOps.found(e);
      assertThat(got.json()).isEqualTo(expected.json());
      assertThat(got.body()).isSameAs(e.value());
    }
  }

  @Test
  void aMissingKeysReplyIsTheTextTheGeneralWriterMakes() {
    assertThat(KvOps.NOT_FOUND.json()).isEqualTo(Replies.of(Map.of("found", false), null).json());
    assertThat(KvOps.NOT_FOUND.body()).isNull();
  }
}
