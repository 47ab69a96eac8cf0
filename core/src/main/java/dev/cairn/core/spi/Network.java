package dev.cairn.core.spi;

import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import java.util.concurrent.CompletableFuture;

/**
 * Port: outbound network. Only the Host reaches it, after the manifest's allow-list said yes.
 * Implementations enforce {@code responseBytesMax} and {@code timeoutMs}.
 */
public interface Network {
  CompletableFuture<ResponseData> fetch(RequestData request, long responseBytesMax, long timeoutMs);
}
