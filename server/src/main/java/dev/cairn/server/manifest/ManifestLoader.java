package dev.cairn.server.manifest;

import dev.cairn.core.Limits;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ManifestException;
import dev.cairn.core.manifest.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates an app's {@code cairn.yaml} into a {@link Manifest}. Every problem is a {@link
 * ManifestException} naming the file, the line and the field path, and saying what was expected.
 *
 * <p>The sections services refer to (limits, entities, workflows, capabilities) are read first, so a
 * binding is checked against them as soon as it is read.
 */
public final class ManifestLoader {
  /** The manifest's file name inside an app folder. */
  public static final String FILE_NAME = "cairn.yaml";

  private static final List<String> KEYS =
      List.of("app", "services", "entities", "workflows", "capabilities", "outbound", "limits", "journal");

  private ManifestLoader() {}

  /** Loads {@code <dir>/cairn.yaml} when given a folder, else the given manifest file. */
  public static Manifest load(Path appDirOrManifestFile) {
    var file = Files.isDirectory(appDirOrManifestFile) ? appDirOrManifestFile.resolve(FILE_NAME) : appDirOrManifestFile;
    var root = ManifestSource.read(file);
    var top = root.mapping("a map with app:, services: and optionally " + String.join(", ", KEYS.subList(2, KEYS.size())), KEYS);

    var appField = top.required("app", "the app's name, like hello");
    var app = Names.APP.check(appField, appField.string());
    var limits = top.optional("limits").map(field -> LimitsReader.read(field, Limits.DEFAULTS)).orElse(Limits.DEFAULTS);
    var entityNames = top.optional("entities").map(ComponentReaders::classNames).orElse(java.util.Set.of());
    var workflowNames = top.optional("workflows").map(ComponentReaders::classNames).orElse(java.util.Set.of());
    var capabilities = top.optional("capabilities").map(ComponentReaders::capabilities).orElse(Map.of());
    var outboundAllow = top.optional("outbound").map(ComponentReaders::outboundAllow).orElse(List.of());

    var servicesField = top.required("services", "a map of service names to { module: ... }");
    var serviceFields = servicesField.mapping("a map of service names to { module: ... }").entries();
    if (serviceFields.isEmpty()) throw servicesField.invalid("expected at least one service, found none");
    serviceFields.forEach((name, field) -> Names.SERVICE.check(field, name));
    var bindingReader = new BindingReader(new LinkedHashSet<>(serviceFields.keySet()), entityNames, workflowNames, capabilities);
    var reader = new ServiceReader(bindingReader, limits);
    var entities = top.optional("entities").map(f -> ComponentReaders.classes(f, bindingReader, limits)).orElse(Map.<String, dev.cairn.core.manifest.ClassSpec>of());
    var workflows = top.optional("workflows").map(f -> ComponentReaders.classes(f, bindingReader, limits)).orElse(Map.<String, dev.cairn.core.manifest.ClassSpec>of());
    var services = new LinkedHashMap<String, ServiceSpec>();
    serviceFields.forEach((name, field) -> services.put(name, reader.read(name, field)));

    var journal = top.optional("journal").map(JournalReader::read).orElse(dev.cairn.core.manifest.JournalRetention.DEFAULTS);
    return new Manifest(file, app, services, entities, workflows, capabilities, outboundAllow, limits, journal, root.source().lines());
  }
}
