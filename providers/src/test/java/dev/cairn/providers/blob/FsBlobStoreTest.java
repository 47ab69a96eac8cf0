package dev.cairn.providers.blob;

import java.util.Map;

class FsBlobStoreTest extends BlobContractTest {
  @Override String provider() { return "fs"; }

  @Override Map<String, String> settings() { return Map.of(); }
}
