package dev.cairn.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.capability.Contract;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  @Test
  void unknownContractsAndProvidersAreNamedWithWhatThereIs() {
    assertThat(Providers.check("c", "kv", "redis")).isEqualTo(Contract.KV);
    assertThatThrownBy(() -> Providers.check("c", "queue", "x")).isInstanceOf(CairnException.class)
        .hasMessageContaining("kv, messaging, blob, http").extracting(e -> ((CairnException) e).code()).isEqualTo("capability_unknown_contract");
    assertThatThrownBy(() -> Providers.check("c", "kv", "memcached")).hasMessageContaining("sqlite, redis, postgres")
        .extracting(e -> ((CairnException) e).code()).isEqualTo("capability_unknown_provider");
    assertThat(Providers.defaultProvider(Contract.MESSAGING)).isEqualTo("inproc");
    assertThat(Providers.defaultProvider(Contract.KV)).isEqualTo("sqlite");
  }
}
