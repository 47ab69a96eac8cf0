package dev.cairn.core.entity;

import dev.cairn.core.Invariants;

/**
 * Which entity a piece of storage belongs to: its class's namespace (for example the binding's
 * entity name {@code Counter}) and its id string. Storage never interprets either; two entities
 * share nothing unless both strings are equal.
 */
public record EntityAddress(String namespace, String id) {
  public EntityAddress {
    Invariants.check(namespace != null && !namespace.isEmpty(), "entity namespace must be non-empty");
    Invariants.check(id != null && !id.isEmpty(), "entity id must be non-empty (namespace %s)", namespace);
  }

  @Override
  public String toString() {
    return namespace + "/" + id;
  }
}
