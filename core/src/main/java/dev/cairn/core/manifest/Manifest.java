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
 */
public record Manifest(
    Path file,
    String app,
    Map<String, ServiceSpec> services,
    Map<String, ClassSpec> entities,
    Map<String, ClassSpec> workflows,
    Map<String, CapabilitySpec> capabilities,
    List<String> outboundAllow,
    Limits limits) {

  public Manifest {
    services = Map.copyOf(services);
    entities = Map.copyOf(entities);
    workflows = Map.copyOf(workflows);
    capabilities = Map.copyOf(capabilities);
    outboundAllow = List.copyOf(outboundAllow);
  }

  /** The folder the manifest is in; module paths are relative to it. */
  public Path appDir() {
    return file.toAbsolutePath().getParent();
  }

  public Optional<ServiceSpec> service(String name) {
    return Optional.ofNullable(services.get(name));
  }
}
