package dev.cairn.providers.kv;

import java.util.Map;

class SqliteKvTest extends KvContractTest {
  @Override String provider() { return "sqlite"; }

  @Override Map<String, String> settings() { return Map.of(); }

  @Override Map<String, String> unreachable() { return Map.of("path", "/proc/cairn-no-such-place/kv.db"); }
}
