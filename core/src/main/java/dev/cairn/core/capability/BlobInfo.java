package dev.cairn.core.capability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is known of a stored object without its body.
 *
 * @param key its name
 * @param size body bytes
 * @param etag hex SHA-256 of the body (changes exactly when the body does)
 * @param uploadedMs when it was written (epoch ms, from the runtime's Clock)
 * @param contentType its HTTP content type, or ""
 * @param customMetadata user metadata, in order
 */
public record BlobInfo(String key, long size, String etag, long uploadedMs, String contentType, Map<String, String> customMetadata) {
  public BlobInfo {
    customMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(customMetadata));
  }
}
