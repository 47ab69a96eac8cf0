package dev.cairn.providers.kv;

import java.util.Map;

/** Against the Redis on 127.0.0.1:6379. */
class RedisKvTest extends KvContractTest {
  @Override String provider() { return "redis"; }

  @Override Map<String, String> settings() { return Map.of("url", "redis://127.0.0.1:6379"); }

  @Override Map<String, String> unreachable() { return Map.of("url", "redis://127.0.0.1:1", "timeoutMs", "500"); }
}
