package dev.cairn.js;

import dev.cairn.core.Limits;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.ClassSpec;
import dev.cairn.core.spi.Ports;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Value;

/**
 * Contexts that run a workflow class whose module is not also a service's (when it is, the
 * workflow runs in that service's contexts, as a Workflow runs in its Worker's isolate). They hold
 * no instance state: a run lives only while it executes, and its journal is its state.
 */
public final class WorkflowContexts extends ContextOwner implements AutoCloseable {
  private final ClassSpec spec;

  private WorkflowContexts(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host) {
    super(engine, appDir, ports, host);
    this.spec = spec;
  }

  /** Loads the workflow's module into its contexts; fails with a {@link JsException}. */
  public static WorkflowContexts start(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host) {
    WorkflowContexts c = new WorkflowContexts(engine, appDir, spec, ports, host);
    c.startContexts("cairn-workflow-" + spec.name());
    return c;
  }

  @Override
  public String name() { return spec.name(); }

  @Override
  String module() { return spec.module(); }

  @Override
  Value entrypoint(Value exports) {
    return classExport(exports, spec.className());
  }

  @Override
  String missingEntrypoint() {
    return "does not export a class " + spec.className() + " (workflows." + spec.name()
        + ".class): write `export class " + spec.className() + " extends WorkflowEntrypoint { async run(event, step) { ... } }`";
  }

  @Override
  Map<String, BindingSpec> bindings() { return spec.bindings(); }

  @Override
  Map<String, Object> vars() { return spec.vars(); }

  @Override
  Limits limits() { return spec.limits(); }





  @Override
  Optional<JournalSink> journalSink() { return Optional.empty(); }

  @Override
  public void close() {
    closeContexts();
  }
}
