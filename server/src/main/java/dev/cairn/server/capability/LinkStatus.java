package dev.cairn.server.capability;

import java.util.Map;

/**
 * What {@code cairn link list} and {@code GET /__cairn/links} show of one link.
 *
 * @param name the capability's name
 * @param contract its contract
 * @param provider the provider linked now ("" when unlinked)
 * @param config its settings, passwords in URLs masked
 * @param state {@code healthy}, {@code unhealthy} (connected, failing its health check),
 *     {@code connecting} (not connected yet, retrying with backoff) or {@code unlinked}
 * @param error the last failure, "" when none
 * @param source {@code manifest} or {@code runtime} (set by {@code cairn link set})
 * @param swaps how many times the link has been swapped since the node started
 */
public record LinkStatus(String name, String contract, String provider, Map<String, String> config, String state, String error,
    String source, long swaps) {
  public LinkStatus {
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }

  public boolean healthy() {
    return state.equals("healthy");
  }
}
