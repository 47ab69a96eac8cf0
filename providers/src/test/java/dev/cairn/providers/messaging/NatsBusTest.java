package dev.cairn.providers.messaging;

import java.util.Map;

/** Against the NATS server on 127.0.0.1:4222. */
class NatsBusTest extends MessagingContractTest {
  @Override String provider() { return "nats"; }

  @Override Map<String, String> settings() { return Map.of("url", "nats://127.0.0.1:4222"); }

  @Override Map<String, String> unreachable() { return Map.of("url", "nats://127.0.0.1:1", "connectTimeoutMs", "300"); }

  @Override String unansweredCode() { return "capability_no_responders"; }
}
