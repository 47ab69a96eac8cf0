package dev.cairn.server.cron;

import dev.cairn.core.spi.Storage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which expressions of a service have records in storage, so that records of removed or changed
 * expressions can be found and deleted. The Storage port cannot list keys, so the runner keeps this
 * list itself, at key {@code service} (record keys are {@code service|expression}).
 *
 * <p>Crash safety: the list is widened to old ∪ new before any record is written and narrowed to
 * new only after the stale records are deleted, so at every instant it names a superset of the
 * records that exist; a crash midway leaves nothing that a later start cannot find.
 */
final class CronIndex {
  private final Storage storage;
  private final String namespace;

  CronIndex(Storage storage, String namespace) {
    this.storage = storage;
    this.namespace = namespace;
  }

  static String recordKey(String service, String source) {
    return service + "|" + source;
  }

  /** Before writing records of {@code sources}: make sure the index names them too. */
  void widen(String service, Set<String> sources) {
    Set<String> old = read(service);
    Set<String> union = new LinkedHashSet<>(old);
    union.addAll(sources);
    if (!union.equals(old)) {
      write(service, union);
    }
  }

  /** After {@link #widen}: delete records of expressions not in {@code sources}, then forget them. */
  void narrow(String service, Set<String> sources) {
    Set<String> old = read(service);
    for (String stale : old) {
      if (!sources.contains(stale)) {
        storage.delete(namespace, recordKey(service, stale));
      }
    }
    if (!old.equals(sources)) {
      write(service, sources);
    }
  }

  private Set<String> read(String service) {
    return storage.get(namespace, service)
        .map(text -> (Set<String>) new LinkedHashSet<>(List.of(text.split("\n"))))
        .orElseGet(LinkedHashSet::new);
  }

  private void write(String service, Set<String> sources) {
    if (sources.isEmpty()) {
      storage.delete(namespace, service);
    } else {
      storage.put(namespace, service, String.join("\n", sources));
    }
  }
}
