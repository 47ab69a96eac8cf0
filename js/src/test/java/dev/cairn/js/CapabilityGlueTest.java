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

  /**
   * Which host function each kv call takes: the glue evaluated alone, with an rt that writes down
   * its calls. The plain forms cross typed (rt.kv); what JSON.stringify would write otherwise (an
   * expiry past the safe integers, metadata it drops) crosses as the JSON it always did.
   */
  @Test
  void plainKvCallsCrossTypedAndTheRestAsJson() {
    try (org.graalvm.polyglot.Context js = org.graalvm.polyglot.Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
      js.eval("js", "globalThis.TextDecoder = class { decode() { return ''; } };");
      String glue = new String(ModuleFileSystem.resource("runtime/capabilities.js"), StandardCharsets.UTF_8);
      org.graalvm.polyglot.Value install = js.eval("js", glue);
      org.graalvm.polyglot.Value env = js.eval("js", """
          (install) => {
            const calls = [];
            const rt = {
              kv: (op, binding, key, expiresAtMs, metadata, body) => calls.push(["kv", op, binding, key, expiresAtMs, metadata, body]),
              capability: (op, binding, json, body) => calls.push(["capability", op, binding, json, body]),
            };
            const bindings = {};
            install({}, { afterHostCall() {}, utf8Encode: (s) => s, bytesOf: (b) => b }, rt, { registerBinding: (n, f) => { bindings[n] = f; } });
            const KV = bindings.kv("KV");
            KV.get("a");
            KV.getWithMetadata("b");
            KV.put("c", "v", { metadata: { x: 1 } });
            KV.delete("d");
            KV.put("e", "v", { expiration: 1e300 });
            KV.put("f", "v", { metadata: () => 1 });
            KV.list({ prefix: "p" });
            return JSON.stringify(calls);
          }
          """).execute(install);
      assertThat(env.asString()).isEqualTo("["
          + "[\"kv\",\"kv.get\",\"KV\",\"a\",0,null,null],"
          + "[\"kv\",\"kv.get\",\"KV\",\"b\",0,null,null],"
          + "[\"kv\",\"kv.put\",\"KV\",\"c\",0,\"{\\\"x\\\":1}\",\"v\"],"
          + "[\"kv\",\"kv.delete\",\"KV\",\"d\",0,null,null],"
          + "[\"capability\",\"kv.put\",\"KV\",\"{\\\"key\\\":\\\"e\\\",\\\"expiresAtMs\\\":1e+303,\\\"metadata\\\":\\\"\\\"}\",\"v\"],"
          + "[\"capability\",\"kv.put\",\"KV\",\"{\\\"key\\\":\\\"f\\\",\\\"expiresAtMs\\\":0}\",\"v\"],"
          + "[\"capability\",\"kv.list\",\"KV\",\"{\\\"prefix\\\":\\\"p\\\",\\\"limit\\\":1000,\\\"cursor\\\":\\\"\\\"}\",null]]");
    }
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
