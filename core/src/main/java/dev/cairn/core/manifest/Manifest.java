package dev.cairn.core.manifest;

import dev.cairn.core.Limits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application as declared in its {@code cairn.yaml}: the validated, immutable model. Parsing and
 * validation (with file, line and field in every error) live in the server module's loader.
 *
 * @param file the manifest file it was read from
 * @param app the application's name
 * @param services stateless services by name, in declaration order
 * @param entities durable entity classes by name (served from the entities issue on)
 * @param workflows workflow classes by name (served from the workflows issue on)
 * @param capabilities capability links by name (served from the capabilities issue on)
 * @param outboundAllow hosts that outbound {@code fetch} may reach ({@code host}, {@code host:port},
 *     {@code *.suffix}); empty means none
 * @param limits app-wide limits; a service may override them
 * @param journal how long and how much journal the app keeps
 * @param lines the line each field path was declared on ({@code services.api.bindings.KV} -> 9), so
 *     checks made after loading (a class the module does not export, say) can still point at the
 *     manifest; see {@link #line(String)}
 */
public record Manifest(
    Path file,
    String app,
    Map<String, ServiceSpec> services,
    Map<String, ClassSpec> entities,
    Map<String, ClassSpec> workflows,
    Map<String, CapabilitySpec> capabilities,
    List<String> outboundAllow,
    Limits limits,
    JournalRetention journal,
    Map<String, Integer> lines) {

  public Manifest {
    services = OrderedMaps.copyOf(services);
    entities = OrderedMaps.copyOf(entities);
    workflows = OrderedMaps.copyOf(workflows);
    capabilities = OrderedMaps.copyOf(capabilities);
    outboundAllow = List.copyOf(outboundAllow);
    lines = OrderedMaps.copyOf(lines);
  }

  /** A manifest built in code, with no source lines (every {@link #line(String)} is 0). */
  public Manifest(
      Path file,
      String app,
      Map<String, ServiceSpec> services,
      Map<String, ClassSpec> entities,
      Map<String, ClassSpec> workflows,
      Map<String, CapabilitySpec> capabilities,
      List<String> outboundAllow,
      Limits limits) {
    this(file, app, services, entities, workflows, capabilities, outboundAllow, limits, JournalRetention.DEFAULTS, Map.of());
  }

  /**
   * The line a field was declared on, for errors found after loading: the field's own line, else
   * that of its nearest declared parent ({@code entities.Room.class} falls back to {@code
   * entities.Room}), else 0 when the manifest was not read from a file.
   */
  public int line(String field) {
    for (var path = field; !path.isEmpty(); path = parentOf(path)) {
      var line = lines.get(path);
      if (line != null) return line;
    }
    return 0;
  }

  private static String parentOf(String path) {
    var cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The folder the manifest is in; module paths are relative to it. */
  public Path appDir() {
    return file.toAbsolutePath().getParent();
  }

  public Optional<ServiceSpec> service(String name) {
    return Optional.ofNullable(services.get(name));
  }
}
