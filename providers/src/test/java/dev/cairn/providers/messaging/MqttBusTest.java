package dev.cairn.providers.messaging;

import java.util.Map;

/** Against the Mosquitto on 127.0.0.1:1883 (MQTT 5). */
class MqttBusTest extends MessagingContractTest {
  @Override String provider() { return "mqtt"; }

  @Override Map<String, String> settings() { return Map.of("url", "tcp://127.0.0.1:1883"); }

  @Override Map<String, String> unreachable() { return Map.of("url", "tcp://127.0.0.1:1", "connectTimeoutMs", "1000"); }

  /** MQTT cannot tell that nobody listens: the request runs out of time. */
  @Override String unansweredCode() { return "capability_timeout"; }
}
