package dev.cairn.providers.messaging;

import java.util.Map;

/** Against the RabbitMQ on 127.0.0.1:5672 (guest/guest). */
class AmqpBusTest extends MessagingContractTest {
  @Override String provider() { return "amqp"; }

  @Override Map<String, String> settings() { return Map.of("url", "amqp://guest:guest@127.0.0.1:5672"); }

  @Override Map<String, String> unreachable() { return Map.of("url", "amqp://guest:guest@127.0.0.1:1", "connectTimeoutMs", "300"); }

  @Override String unansweredCode() { return "capability_no_responders"; }
}
