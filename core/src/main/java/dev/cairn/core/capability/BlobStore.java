package dev.cairn.core.capability;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code blob} contract: named objects (R2-like) with an HTTP content type and custom metadata.
 *
 * <p>Semantics: a {@link #put} replaces the whole object atomically — a reader sees the old object or
 * the new one, never a mix — and is durable when its future completes; reads after that see it.
 * {@link #list} is in ascending UTF-8 byte order of keys, like {@link KvStore#list}. Bodies are
 * bounded by {@link BlobLimits#bodyBytesMax()} and held in memory while they move.
 */
public interface BlobStore extends CapabilityProvider {
  /** The bounds this provider was opened with (within what it can hold); the runtime checks calls against them. */
  BlobLimits limits();

  CompletableFuture<BlobInfo> put(String key, byte[] body, String contentType, java.util.Map<String, String> customMetadata);

  CompletableFuture<Optional<BlobObject>> get(String key);

  CompletableFuture<Optional<BlobInfo>> head(String key);

  /** Deleting missing keys succeeds. */
  CompletableFuture<Void> delete(List<String> keys);

  CompletableFuture<BlobPage> list(KvListQuery query);

  /** An object with its body. */
  record BlobObject(BlobInfo info, byte[] body) {}

  /** One page of a listing, with the same cursor rules as {@link KvPage}. */
  record BlobPage(List<BlobInfo> objects, boolean complete, String cursor) {
    public BlobPage {
      objects = List.copyOf(objects);
      if (complete != cursor.isEmpty()) throw new IllegalArgumentException("a cursor is given exactly when the listing is not complete");
    }
  }
}
