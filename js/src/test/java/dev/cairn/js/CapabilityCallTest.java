package dev.cairn.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CapabilityCallTest {
  @Test
  void anOpIsALowerCaseContractADotAndAnOperation() {
    for (String ok : new String[] {"kv.get", "kv.cas", "messaging.publish", "blob.put", "kv.getWithMetadata"}) {
      assertThat(CapabilityCall.isOp(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "kv", "kv.", ".get", "Kv.get", "k1.get", "kv.get.x", "kv.g1", "kv..get", "kv get", "kv-x.get"}) {
      assertThat(CapabilityCall.isOp(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> new CapabilityCall("kv.get.x", "KV", "{}", null)).hasMessageContaining("contract.operation");
  }

  @Test
  void theJournalFormHoldsTheBindingTheArgumentsAndTheBody() {
    var call = new CapabilityCall("kv.put", "KV", "{\"key\":\"a\",\"expiresAtMs\":0}", "v\"1".getBytes(StandardCharsets.UTF_8));
    assertThat(call.contract()).isEqualTo("kv");
    assertThat(new String(call.journalArgs(), StandardCharsets.UTF_8))
        .isEqualTo("{\"binding\":\"KV\",\"key\":\"a\",\"expiresAtMs\":0,\"body\":\"v\\\"1\"}");
    assertThat(new String(new CapabilityCall("kv.list", "KV", "{}", null).journalArgs(), StandardCharsets.UTF_8))
        .isEqualTo("{\"binding\":\"KV\"}");
  }
}
