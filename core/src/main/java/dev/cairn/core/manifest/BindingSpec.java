package dev.cairn.core.manifest;

/** What an {@code env} binding of a service points at. */
public sealed interface BindingSpec {
  /** {@code { service: users }}: fetch and JS RPC to another service of the app. */
  record Service(String service) implements BindingSpec {}

  /** {@code { entity: Counter }}: a durable entity namespace. */
  record Entity(String entity) implements BindingSpec {}

  /** {@code { workflow: Approval }}: a workflow binding. */
  record Workflow(String workflow) implements BindingSpec {}

  /** {@code { kv: cache }}, {@code { messaging: events }}, ...: a capability link of a contract. */
  record Capability(String contract, String capability) implements BindingSpec {}
}
