package dev.cairn.core.spi;

import java.util.Optional;

/**
 * Port: durable storage. A {@code put} has returned only once the value is durable (fsync'd).
 * Keys live in namespaces (for example {@code cron}); values are opaque strings. Later issues grow
 * this SPI (journals, entity state); every implementation passes the same contract test.
 */
public interface Storage extends AutoCloseable {
  Optional<String> get(String namespace, String key);

  void put(String namespace, String key, String value);

  void delete(String namespace, String key);

  @Override
  void close();
}
