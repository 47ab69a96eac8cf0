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

  /** {@code stub.fetch()} on a Durable Object stub: an HTTP event of the entity {@code id} of class {@code namespace}. */
  default CompletableFuture<ResponseData> entityFetch(Invocation from, String namespace, String id, String name, RequestData request) {
    return CompletableFuture.failedFuture(JsException.coded("not_supported_yet", 501, "entities are not served here", ""));
  }

  /** {@code stub.method(args)} on a Durable Object stub; arguments and result are structured-clone text. */
  default CompletableFuture<String> entityRpc(Invocation from, String namespace, String id, String name, String method,
      String encodedArgs) {
    return CompletableFuture.failedFuture(JsException.coded("not_supported_yet", 501, "entities are not served here", ""));
  }

  /**
   * A call of an entity's {@code ctx.storage}. Live, the instance's write-back cache answers (at once
   * when it can, else later); in replay, the journal does.
   */
  default CompletableFuture<StorageResult> storage(Invocation from, EntityInstance instance, StorageOp op) {
    return instance.perform(op);
  }

  /**
   * A timer of handler code ({@code setTimeout}): completes after {@code delayMs}. Cancelling the
   * future cancels the timer. Live it is the Scheduler; in replay, the journal says when it fired.
   */
  CompletableFuture<Void> timer(Invocation from, long delayMs);

  /**
   * When the result of {@code call} reached the handler, as its time: the clock's now, except for a
   * host that answers from a journal (a workflow's replayed steps come back at their recorded time).
   */
  default long completedAtMs(Invocation from, CompletableFuture<?> call, long clockNowMs) {
    return clockNowMs;
  }

  // ---- workflows: the step API of a running instance (a workflow run's own host answers these)

  /**
   * {@code step.do(name, config, fn)} begins: the recorded outcome when the step already ran (the
   * callback is then not run again: {@code [ok ? "ok" : "error", value or error JSON]}), or null
   * to run it now.
   */
  default String[] stepBegin(Invocation from, String name, String configJson) {
    throw JsException.coded("workflow_only", 500, "step.do can only be used inside a workflow's run()", "");
  }

  /** The step's callback finished (or gave up); completes once that is durable. */
  default CompletableFuture<Void> stepEnd(Invocation from, String name, boolean ok, String value) {
    return CompletableFuture.failedFuture(JsException.coded("workflow_only", 500, "step.do can only be used inside a workflow's run()", ""));
  }

  /** {@code step.sleep}/{@code sleepUntil}: completes at {@code untilMs}, across restarts. */
  default CompletableFuture<Void> stepSleep(Invocation from, String name, long untilMs) {
    return CompletableFuture.failedFuture(JsException.coded("workflow_only", 500, "step.sleep can only be used inside a workflow's run()", ""));
  }

  /** {@code step.waitForEvent}: completes with the event (JSON {type, payload, timestamp}) or fails at the timeout. */
  default CompletableFuture<String> stepWaitForEvent(Invocation from, String name, String type, long timeoutMs) {
    return CompletableFuture.failedFuture(JsException.coded("workflow_only", 500, "step.waitForEvent can only be used inside a workflow's run()", ""));
  }

  /** {@code env.WF.create({id, params})}: the new instance's id. {@code id} null: one is minted. */
  default CompletableFuture<String> workflowCreate(Invocation from, String workflow, String id, String encodedParams) {
    return CompletableFuture.failedFuture(JsException.coded("not_supported_yet", 501, "workflows are not served here", ""));
  }

  /**
   * A call on a workflow instance ({@code get}, {@code status}, {@code pause}, {@code resume},
   * {@code terminate}, {@code restart}, {@code sendEvent}); answers JSON.
   */
  default CompletableFuture<String> workflowControl(Invocation from, String workflow, String id, String action, String argJson) {
    return CompletableFuture.failedFuture(JsException.coded("not_supported_yet", 501, "workflows are not served here", ""));
  }

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
