package dev.cairn.server.journal;

import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import dev.cairn.js.HostServices;
import dev.cairn.js.Invocation;
import java.util.concurrent.CompletableFuture;

/**
 * The host of a warm replay context: forwards to the {@link ReplayHost} of the replay running now.
 * Replays of one context run one at a time ({@link LocalReplayService} is synchronized).
 */
final class SwitchingHost implements HostServices {
  volatile ReplayHost current;

  private ReplayHost host() {
    ReplayHost h = current;
    if (h == null) throw new IllegalStateException("no replay is running in this context");
    return h;
  }

  @Override
  public boolean replaying() {
    return true;
  }

  @Override
  public CompletableFuture<ResponseData> fetch(Invocation from, RequestData request, dev.cairn.js.RedirectMode redirect) {
    return host().fetch(from, request, redirect);
  }

  @Override
  public CompletableFuture<ResponseData> serviceFetch(Invocation from, String service, RequestData request) {
    return host().serviceFetch(from, service, request);
  }

  @Override
  public CompletableFuture<String> serviceRpc(Invocation from, String service, String method, String encodedArgs) {
    return host().serviceRpc(from, service, method, encodedArgs);
  }

  @Override
  public CompletableFuture<ResponseData> entityFetch(Invocation from, String namespace, String id, String name, RequestData request) {
    return host().entityFetch(from, namespace, id, name, request);
  }

  @Override
  public CompletableFuture<String> entityRpc(Invocation from, String namespace, String id, String name, String method,
      String encodedArgs) {
    return host().entityRpc(from, namespace, id, name, method, encodedArgs);
  }

  @Override
  public CompletableFuture<dev.cairn.js.StorageResult> storage(Invocation from, dev.cairn.js.EntityInstance instance,
      dev.cairn.js.StorageOp op) {
    return host().storage(from, instance, op);
  }

  @Override
  public CompletableFuture<dev.cairn.js.CapabilityReply> capability(Invocation from, dev.cairn.js.CapabilityCall call) {
    return host().capability(from, call);
  }

  @Override
  public CompletableFuture<Void> timer(Invocation from, long delayMs) {
    return host().timer(from, delayMs);
  }

  @Override
  public void callSiteTaken(Invocation from) {
    ReplayHost h = current;
    if (h != null) h.callSiteTaken(from);
  }

  @Override
  public void log(Invocation from, String level, String text) {
    ReplayHost h = current;
    if (h != null) h.log(from, level, text);
  }
}
