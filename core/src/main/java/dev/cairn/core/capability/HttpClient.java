package dev.cairn.core.capability;

import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code http} contract: outbound HTTP to the hosts the capability allows (its {@code allow}
 * setting, the same syntax as {@code outbound.allow}). A request to any other host fails with
 * {@code capability_invalid_argument} before anything leaves; a transport failure is {@code
 * capability_unavailable}. Responses are whole (bounded by {@code bodyBytesMax}); no retries; a
 * redirect is returned as it is (3xx), not followed, so each hop the code makes is checked again.
 */
public interface HttpClient extends CapabilityProvider {
  CompletableFuture<ResponseData> fetch(RequestData request, long bodyBytesMax, long timeoutMs);
}
