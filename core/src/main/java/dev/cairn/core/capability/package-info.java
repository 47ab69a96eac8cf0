/**
 * Capability contracts: what handler code may ask of the outside world through an abstract
 * contract, never through a named product (the wasmCloud idea). Which provider serves a contract,
 * and with what configuration, is a <em>link</em> decided at runtime.
 *
 * <ul>
 *   <li>{@link dev.cairn.core.capability.KvStore} — {@code kv}: a key-value store.
 *   <li>{@link dev.cairn.core.capability.MessageBus} — {@code messaging}: publish, request/reply and
 *       at-least-once subscriptions.
 *   <li>{@link dev.cairn.core.capability.BlobStore} — {@code blob}: named objects with metadata.
 *   <li>{@link dev.cairn.core.capability.HttpClient} — {@code http}: outbound HTTP to an allow-list.
 * </ul>
 *
 * Every operation returns a {@link java.util.concurrent.CompletableFuture} that completes on any
 * thread; a failure is always a {@link dev.cairn.core.capability.CapabilityException} with a stable
 * code. Limits ({@link dev.cairn.core.capability.KvLimits}, ...) are checked by the caller before a
 * provider is reached, so every provider refuses the same inputs with the same codes. Nothing here
 * does I/O: implementations live in the {@code providers} module.
 */
package dev.cairn.core.capability;
