package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.capability.CapabilityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The glue's journal forms and its copy of the retryable codes, which must agree with Java's. */
class CapabilityGlueTest {
  @Test
  void theGlueMarksExactlyTheRetryableCodesRetryable() {
    String glue = new String(ModuleFileSystem.resource("runtime/capabilities.js"), StandardCharsets.UTF_8);
    var m = Pattern.compile("const RETRYABLE = new Set\\(\\[([^\\]]*)\\]\\)", Pattern.DOTALL).matcher(glue);
    assertThat(m.find()).isTrue();
    Set<String> inJs = Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("\"", "")).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    assertThat(inJs).isEqualTo(CapabilityException.RETRYABLE);
  }

  @Test
  void callsAndRepliesJournalTheirBodiesAsRequestBodiesDo() {
    var call = new CapabilityCall("kv.put", "KV", "{\"key\":\"a\",\"expiresAtMs\":0,\"metadata\":\"\"}", "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(call.journalArgs(), StandardCharsets.UTF_8))
        .isEqualTo("{\"binding\":\"KV\",\"key\":\"a\",\"expiresAtMs\":0,\"metadata\":\"\",\"body\":\"hi\"}");
    assertThat(new String(new CapabilityCall("kv.list", "KV", "{}", null).journalArgs(), StandardCharsets.UTF_8)).isEqualTo("{\"binding\":\"KV\"}");
    assertThat(new String(new CapabilityReply("{}", new byte[] {(byte) 0xFF}).journalResult(), StandardCharsets.UTF_8))
        .isEqualTo("{\"bodyBase64\":\"/w==\"}");
    assertThat(new String(new CapabilityReply("{\"found\":true}", new byte[0]).journalResult(), StandardCharsets.UTF_8))
        .isEqualTo("{\"found\":true,\"body\":\"\"}");
    byte[] big = new byte[JournalJson.BODY_BYTES_MAX + 10];
    Arrays.fill(big, (byte) 'x');
    assertThat(new String(new CapabilityReply("{}", big).journalResult(), StandardCharsets.UTF_8))
        .endsWith(",\"bodyTruncated\":" + big.length + "}");
  }
}
