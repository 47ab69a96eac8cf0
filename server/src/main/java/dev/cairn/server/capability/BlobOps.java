package dev.cairn.server.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.capability.BlobInfo;
import dev.cairn.core.capability.BlobLimits;
import dev.cairn.core.capability.BlobStore;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.KvListQuery;
import dev.cairn.js.CapabilityReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The {@code blob.*} ops: keys, bodies and metadata checked against the provider's {@link BlobLimits}. */
final class BlobOps {
  /** Keys one {@code delete} may name (R2's limit). */
  static final int DELETE_KEYS_MAX = 1000;

  private BlobOps() {}

  static CompletableFuture<CapabilityReply> run(String capability, String provider, BlobStore blobs, String op, JsonNode a, byte[] body) {
    BlobLimits limits = blobs.limits();
    return switch (op) {
      case "blob.put" -> {
        String key = key(capability, limits, a);
        byte[] data = Replies.bodyOrEmpty(body);
        String contentType = Replies.text(capability, a, "contentType");
        Map<String, String> meta = Replies.pairs(a.path("customMetadata"));
        limits.checkPut(capability, provider, data.length, contentType, meta);
        yield blobs.put(key, data, contentType, meta).thenApply(info -> Replies.of(info(info), null));
      }
      case "blob.get" -> blobs.get(key(capability, limits, a)).thenApply(o -> o.isEmpty() ? notFound()
          : Replies.of(info(o.get().info()), o.get().body()));
      case "blob.head" -> blobs.head(key(capability, limits, a)).thenApply(o -> o.isEmpty() ? notFound() : Replies.of(info(o.get()), null));
      case "blob.delete" -> {
        List<String> keys = new ArrayList<>();
        for (JsonNode k : a.path("keys")) {
          limits.checkKey(capability, k.asText());
          keys.add(k.asText());
        }
        if (keys.size() > DELETE_KEYS_MAX) throw CapabilityException.invalidArgument(capability, "delete names " + keys.size() + " keys, at most " + DELETE_KEYS_MAX);
        yield blobs.delete(keys).thenApply(v -> CapabilityReply.EMPTY);
      }
      case "blob.list" -> {
        String prefix = Replies.text(capability, a, "prefix");
        int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Replies.number(capability, a, "limit")));
        limits.checkList(capability, prefix, limit);
        yield blobs.list(new KvListQuery(prefix, limit, Replies.text(capability, a, "cursor"))).thenApply(page -> {
          List<Map<String, Object>> objects = new ArrayList<>();
          for (BlobInfo i : page.objects()) objects.add(info(i));
          return Replies.of(Replies.fields("objects", objects, "complete", page.complete(), "cursor", page.cursor()), null);
        });
      }
      default -> throw CapabilityException.invalidArgument(capability, "no blob operation " + op);
    };
  }

  private static CapabilityReply notFound() {
    return Replies.of(Map.of("found", false), null);
  }

  private static Map<String, Object> info(BlobInfo i) {
    return Replies.fields("found", true, "key", i.key(), "size", i.size(), "etag", i.etag(), "uploadedMs", i.uploadedMs(),
        "contentType", i.contentType(), "customMetadata", Replies.pairs(i.customMetadata()));
  }

  private static String key(String capability, BlobLimits limits, JsonNode a) {
    String key = Replies.text(capability, a, "key");
    limits.checkKey(capability, key);
    return key;
  }
}
