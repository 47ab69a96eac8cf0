package dev.cairn.providers.kv;

import java.util.Map;

/** Against the PostgreSQL on 127.0.0.1:5432 (trust auth, database test). */
class PostgresKvTest extends KvContractTest {
  @Override String provider() { return "postgres"; }

  @Override Map<String, String> settings() { return Map.of("url", "postgresql://127.0.0.1:5432/test", "poolSize", "4"); }

  @Override Map<String, String> unreachable() { return Map.of("url", "postgresql://127.0.0.1:1/test", "connectTimeoutMs", "500"); }
}
