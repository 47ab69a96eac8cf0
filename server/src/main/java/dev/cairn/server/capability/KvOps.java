package dev.cairn.server.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.KvEntry;
import dev.cairn.core.capability.KvLimits;
import dev.cairn.core.capability.KvListQuery;
import dev.cairn.core.capability.KvStore;
import dev.cairn.core.capability.KvWrite;
import dev.cairn.js.CapabilityCall;
import dev.cairn.js.CapabilityReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@code kv.*} ops: arguments checked against the provider's {@link KvLimits}, then the provider called. */
final class KvOps {
  static final CapabilityReply NOT_FOUND = new CapabilityReply("{\"found\":false}", null);

  private KvOps() {}

  /**
   * {@code {"found":true,"metadata":...,"expiresAtMs":...}} with the value as the body, written by
   * hand: it is made on the provider's I/O thread between the answer and the handler's next step,
   * for every get (the same text as {@link Replies#of} would write).
   */
  static CapabilityReply found(KvEntry e) {
    return new CapabilityReply("{\"found\":true,\"metadata\":" + dev.cairn.core.Json.quote(e.metadata()) + ",\"expiresAtMs\":" + e.expiresAtMs() + "}", e.value());
  }

  /** A call whose arguments came typed ({@link CapabilityCall#kv}): get, put or delete. */
  static CompletableFuture<CapabilityReply> run(String capability, String provider, KvStore kv, String op, CapabilityCall.KvArgs a, byte[] body) {
    KvLimits limits = kv.limits();
    return switch (op) {
      case "kv.get" -> get(kv, checkedKey(capability, limits, a.key()));
      case "kv.put" -> put(capability, provider, kv, checkedKey(capability, limits, a.key()), body, write(capability, a.expiresAtMs(), a.metadata()));
      case "kv.delete" -> delete(kv, checkedKey(capability, limits, a.key()));
      default -> throw CapabilityException.invalidArgument(capability, "no kv operation " + op + " with typed arguments");
    };
  }

  static CompletableFuture<CapabilityReply> run(String capability, String provider, KvStore kv, String op, JsonNode a, byte[] body) {
    KvLimits limits = kv.limits();
    return switch (op) {
      case "kv.get" -> get(kv, key(capability, limits, a));
      case "kv.put" -> put(capability, provider, kv, key(capability, limits, a), body, write(capability, a));
      case "kv.delete" -> delete(kv, key(capability, limits, a));
      case "kv.list" -> {
        String prefix = Replies.text(capability, a, "prefix");
        int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Replies.number(capability, a, "limit")));
        limits.checkList(capability, prefix, limit);
        yield kv.list(new KvListQuery(prefix, limit, Replies.text(capability, a, "cursor"))).thenApply(page -> {
          List<Map<String, Object>> keys = new ArrayList<>();
          for (var k : page.keys()) keys.add(Replies.fields("name", k.name(), "metadata", k.metadata(), "expiresAtMs", k.expiresAtMs()));
          return Replies.of(Replies.fields("keys", keys, "complete", page.complete(), "cursor", page.cursor()), null);
        });
      }
      case "kv.increment" -> kv.increment(key(capability, limits, a), Replies.number(capability, a, "delta"))
          .thenApply(n -> Replies.of(Map.of("value", n), null));
      case "kv.cas" -> {
        String key = key(capability, limits, a);
        Optional<byte[]> expected = a.hasNonNull("expectedBase64") ? Optional.of(Base64.getDecoder().decode(a.path("expectedBase64").asText()))
            : a.path("expected").isTextual() ? Optional.of(a.path("expected").asText().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
        byte[] value = Replies.bodyOrEmpty(body);
        KvWrite write = write(capability, a);
        limits.checkValue(capability, provider, value.length, write.metadata());
        yield kv.compareAndSet(key, expected, value, write).thenApply(ok -> Replies.of(Map.of("written", ok), null));
      }
      default -> throw CapabilityException.invalidArgument(capability, "no kv operation " + op);
    };
  }

  private static CompletableFuture<CapabilityReply> get(KvStore kv, String key) {
    return kv.get(key).thenApply(e -> e.isEmpty() ? NOT_FOUND : found(e.get()));
  }

  private static CompletableFuture<CapabilityReply> put(String capability, String provider, KvStore kv, String key, byte[] body, KvWrite write) {
    byte[] value = Replies.bodyOrEmpty(body);
    kv.limits().checkValue(capability, provider, value.length, write.metadata());
    return kv.put(key, value, write).thenApply(v -> CapabilityReply.EMPTY);
  }

  private static CompletableFuture<CapabilityReply> delete(KvStore kv, String key) {
    return kv.delete(key).thenApply(v -> CapabilityReply.EMPTY);
  }

  private static String key(String capability, KvLimits limits, JsonNode a) {
    return checkedKey(capability, limits, Replies.text(capability, a, "key"));
  }

  private static String checkedKey(String capability, KvLimits limits, String key) {
    limits.checkKey(capability, key);
    return key;
  }

  private static KvWrite write(String capability, JsonNode a) {
    return write(capability, Replies.number(capability, a, "expiresAtMs"), Replies.text(capability, a, "metadata"));
  }

  private static KvWrite write(String capability, long expiresAtMs, String metadata) {
    if (expiresAtMs < 0) throw CapabilityException.invalidArgument(capability, "expiresAtMs must be >= 0");
    return new KvWrite(metadata, expiresAtMs);
  }
}
