package dev.cairn.core.capability;

import java.util.Arrays;
import java.util.Optional;

/** The capability contracts a manifest may declare: {@code capabilities: { x: { contract: kv, ... } }}. */
public enum Contract {
  KV("kv"),
  MESSAGING("messaging"),
  BLOB("blob"),
  HTTP("http");

  private final String id;

  Contract(String id) {
    this.id = id;
  }

  /** The name used in manifests, journal ops ({@code kv.get}) and the CLI. */
  public String id() {
    return id;
  }

  public static Optional<Contract> of(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  /** "kv, messaging, blob, http", for error messages. */
  public static String known() {
    return String.join(", ", Arrays.stream(values()).map(Contract::id).toList());
  }
}
