package dev.cairn.js;

import dev.cairn.core.manifest.ClassSpec;
import dev.cairn.core.spi.Ports;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Contexts that run a workflow class whose module is not also a service's (when it is, the
 * workflow runs in that service's contexts, as a Workflow runs in its Worker's isolate). They hold
 * no instance state: a run lives only while it executes, and its journal is its state.
 */
public final class WorkflowContexts extends ClassContextOwner implements AutoCloseable {
  private WorkflowContexts(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host) {
    super(engine, appDir, spec, ports, host, "workflows", "WorkflowEntrypoint { async run(event, step) { ... } }");
  }

  /** Loads the workflow's module into its contexts; fails with a {@link JsException}. */
  public static WorkflowContexts start(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host) {
    WorkflowContexts c = new WorkflowContexts(engine, appDir, spec, ports, host);
    c.startContexts("cairn-workflow-" + spec.name());
    return c;
  }

  @Override
  Optional<JournalSink> journalSink() { return Optional.empty(); }

  @Override
  public void close() {
    closeContexts();
  }
}
