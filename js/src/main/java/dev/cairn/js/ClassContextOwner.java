package dev.cairn.js;

import dev.cairn.core.Limits;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.ClassSpec;
import dev.cairn.core.spi.Ports;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Contexts whose entrypoint is an exported class named in the manifest (an entity or a workflow
 * class): what they load, bind and limit all comes from the class's {@link ClassSpec}.
 */
abstract class ClassContextOwner extends ContextOwner {
  final ClassSpec spec;
  private final String section;
  private final String example;

  /**
   * @param section the manifest section that declares the class ({@code entities}, {@code workflows})
   * @param example what the class should extend, for the error when it is missing ({@code DurableObject { ... }})
   */
  ClassContextOwner(JsEngine engine, Path appDir, ClassSpec spec, Ports ports, HostServices host, String section, String example) {
    super(engine, appDir, ports, host);
    this.spec = spec;
    this.section = section;
    this.example = example;
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
    return "does not export a class " + spec.className() + " (" + section + "." + spec.name()
        + ".class): write `export class " + spec.className() + " extends " + example + "`";
  }

  @Override
  Map<String, BindingSpec> bindings() { return spec.bindings(); }

  @Override
  Map<String, Object> vars() { return spec.vars(); }

  @Override
  Limits limits() { return spec.limits(); }
}
