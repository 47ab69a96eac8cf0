package dev.cairn.providers;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.CapabilityProvider;
import dev.cairn.core.capability.Contract;
import dev.cairn.providers.blob.FsBlobStore;
import dev.cairn.providers.http.JdkHttpClient;
import dev.cairn.providers.kv.PostgresKv;
import dev.cairn.providers.kv.RedisKv;
import dev.cairn.providers.kv.SqliteKv;
import dev.cairn.providers.messaging.AmqpBus;
import dev.cairn.providers.messaging.InprocBus;
import dev.cairn.providers.messaging.MqttBus;
import dev.cairn.providers.messaging.NatsBus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every provider Cairn has, by contract and name; the first of each contract is its default.
 * Opening connects (and may block): call it off event loops. A provider that cannot reach its
 * server fails with {@code capability_unavailable} (retry later); a setting that can never work
 * fails with {@code capability_bad_config} (do not retry).
 */
public final class Providers {
  /** One provider: its name and how to open it. */
  private record Factory(String name, Function<ProviderContext, ? extends CapabilityProvider> open) {}

  private static final Map<Contract, Map<String, Factory>> BY_CONTRACT = Map.of(
      Contract.KV, ordered(new Factory("sqlite", SqliteKv::open), new Factory("redis", RedisKv::open),
          new Factory("postgres", PostgresKv::open)),
      Contract.MESSAGING, ordered(new Factory("inproc", InprocBus::open), new Factory("nats", NatsBus::open),
          new Factory("amqp", AmqpBus::open), new Factory("mqtt", MqttBus::open)),
      Contract.BLOB, ordered(new Factory("fs", FsBlobStore::open)),
      Contract.HTTP, ordered(new Factory("jdk", JdkHttpClient::open)));

  private Providers() {}

  /** The provider's name when a capability gives none. */
  public static String defaultProvider(Contract contract) {
    return BY_CONTRACT.get(contract).keySet().iterator().next();
  }

  /** "sqlite, redis, postgres". */
  public static String known(Contract contract) {
    return String.join(", ", BY_CONTRACT.get(contract).keySet());
  }

  /** Checks that {@code contract} and {@code provider} name something, before anything is opened. */
  public static Contract check(String capability, String contract, String provider) {
    Contract c = Contract.of(contract).orElseThrow(() -> CapabilityException.unknownContract(capability, contract));
    if (!BY_CONTRACT.get(c).containsKey(provider)) throw CapabilityException.unknownProvider(capability, contract, provider, known(c));
    return c;
  }

  public static CapabilityProvider open(Contract contract, ProviderContext context) {
    var factory = BY_CONTRACT.get(contract).get(context.provider());
    if (factory == null) throw CapabilityException.unknownProvider(context.capability(), contract.id(), context.provider(), known(contract));
    return factory.open().apply(context);
  }

  private static Map<String, Factory> ordered(Factory... factories) {
    Map<String, Factory> m = new LinkedHashMap<>();
    for (Factory f : factories) m.put(f.name(), f);
    return java.util.Collections.unmodifiableMap(m);
  }
}
