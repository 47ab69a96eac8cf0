package dev.cairn.core.manifest;

import dev.cairn.core.Limits;
import dev.cairn.core.entity.InstanceLimits;
import java.util.Map;

/**
 * An exported class of a module that Cairn instantiates itself, an entity or a workflow:
 * {@code { module: src/room.js, class: Room, bindings: {...}, vars: {...}, limits: {...} }}.
 *
 * @param name the name bindings use ({@code { entity: Room }})
 * @param module module path relative to the app folder
 * @param className the exported class
 * @param bindings the {@code env} bindings its instances see (as a service's)
 * @param vars plain values on {@code env}
 * @param limits the limits of each of its invocations (app-wide limits with its overrides)
 * @param instances how many live instances a node keeps, and when they are evicted
 */
public record ClassSpec(String name, String module, String className, Map<String, BindingSpec> bindings,
    Map<String, Object> vars, Limits limits, InstanceLimits instances) {
  public ClassSpec {
    bindings = OrderedMaps.copyOf(bindings);
    vars = OrderedMaps.copyOf(vars);
  }

  /** A class with no bindings or vars and default limits. */
  public ClassSpec(String name, String module, String className) {
    this(name, module, className, Map.of(), Map.of(), Limits.DEFAULTS, InstanceLimits.DEFAULTS);
  }
}
