package dev.cairn.js;

import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import java.util.concurrent.CompletableFuture;

/**
 * What lies beyond the sandbox, as the runtime offers it to handler code. Implemented by the server,
 * which knows the app's services and the outbound allow-list. Sub-request limits are counted before
 * these are called. Completions may arrive on any thread.
 */
public interface HostServices {
  /**
   * Global {@code fetch()}: a service of the app when the URL's host names one, else the
   * allow-listed network. Redirects are followed here, per {@code redirect}, so every hop is
   * checked against the allow-list (the network port itself never follows one).
   */
  CompletableFuture<ResponseData> fetch(Invocation from, RequestData request, RedirectMode redirect);

  /** {@code env.BINDING.fetch()} on a service binding. */
  CompletableFuture<ResponseData> serviceFetch(Invocation from, String service, RequestData request);

  /** {@code env.BINDING.method(args)}: JS RPC; arguments and result are structured-clone encoded. */
  CompletableFuture<String> serviceRpc(Invocation from, String service, String method, String encodedArgs);

  /**
   * A timer of handler code ({@code setTimeout}): completes after {@code delayMs}. Cancelling the
   * future cancels the timer. Live it is the Scheduler; in replay, the journal says when it fired.
   */
  CompletableFuture<Void> timer(Invocation from, long delayMs);

  /**
   * A capability call ({@code env.KV.get}, {@code env.BUS.publish}, ...). Live it reaches the
   * capability's linked provider; in replay the journal answers it. Fails with a {@code
   * CapabilityException} code (for example {@code capability_unavailable}).
   */
  default CompletableFuture<CapabilityReply> capability(Invocation from, CapabilityCall call) {
    return CompletableFuture.failedFuture(JsException.coded("not_supported_yet", 501,
        "capability bindings are not served by this host", ""));
  }

  /** True in replay: the runtime glue then reports call sites so a divergence can show its JS stack. */
  default boolean replaying() {
    return false;
  }

  /**
   * After a task in which this host asked for a call site ({@link Invocation#wantCallSite}): the
   * stack is now in {@link Invocation#callSite()} (empty if the glue could not report one). On the loop.
   */
  default void callSiteTaken(Invocation from) {}

  /** Console output of handler code. */
  void log(Invocation from, String level, String text);
}
