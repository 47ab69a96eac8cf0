package dev.cairn.server.workflow;

import dev.cairn.core.CairnException;

/**
 * Workflows refused or failed a call. Codes: {@code workflow_not_found} (no such class),
 * {@code workflow_instance_not_found}, {@code workflow_instance_exists} (create with a taken id),
 * {@code workflow_instance_finished} (an event or control for an instance that ended),
 * {@code workflow_invalid_argument}, {@code workflow_payload_too_large}, {@code workflow_limit_exceeded},
 * {@code workflow_event_timeout} (a waitForEvent's timeout passed), {@code workflow_step_failed},
 * {@code workflow_nondeterministic} (resumed code asked for something its journal never recorded),
 * {@code workflow_terminated}.
 */
public final class WorkflowException extends CairnException {
  private WorkflowException(String code, int status, String message) {
    super(code, status, message);
  }

  public static WorkflowException unknownClass(String workflow) {
    return new WorkflowException("workflow_not_found", 404, "no workflow named " + workflow + " in this app");
  }

  public static WorkflowException notFound(String workflow, String id) {
    return new WorkflowException("workflow_instance_not_found", 404, "no instance " + id + " of workflow " + workflow);
  }

  public static WorkflowException exists(String workflow, String id) {
    return new WorkflowException("workflow_instance_exists", 409, "workflow " + workflow + " already has an instance " + id);
  }

  public static WorkflowException finished(String workflow, String id, String status) {
    return new WorkflowException("workflow_instance_finished", 409, "instance " + id + " of " + workflow + " is " + status
        + "; it takes no more events or calls (restart() runs it again)");
  }

  public static WorkflowException invalid(String why) {
    return new WorkflowException("workflow_invalid_argument", 400, why);
  }

  public static WorkflowException tooLarge(String what, long bytes, long max, String limitName) {
    return new WorkflowException("workflow_payload_too_large", 413, what + " is " + bytes + " bytes; " + limitName + " is " + max);
  }

  public static WorkflowException limit(String what) {
    return new WorkflowException("workflow_limit_exceeded", 500, what);
  }

  public static WorkflowException eventTimeout(String name, String type, long timeoutMs) {
    return new WorkflowException("workflow_event_timeout", 500, "waitForEvent(\"" + name + "\") for type " + type
        + " timed out after " + timeoutMs + " ms");
  }

  public static WorkflowException nondeterministic(String detail) {
    return new WorkflowException("workflow_nondeterministic", 500, "the resumed code departed from its journal: " + detail);
  }

  public static WorkflowException terminated(String id) {
    return new WorkflowException("workflow_terminated", 409, "instance " + id + " was terminated");
  }
}
