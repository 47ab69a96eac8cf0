package dev.cairn.server.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Old code, kept while workflow instances run on it: {@code <app>/.cairn/code/<version>/} holds a
 * copy of the app's files as they were at that code version (the same files {@code CodeVersion}
 * hashes). An instance resumes on the version it started on, so a deploy never changes the code
 * under a workflow halfway through; {@code cairn replay --code} says which would survive a move.
 */
final class CodeArchive {
  private CodeArchive() {}

  /** The folder of {@code version} under {@code dataDir}, created from {@code appDir} now if it is not there yet. */
  static Path ensure(Path appDir, Path dataDir, String version) {
    Path target = dataDir.resolve("code").resolve(version);
    if (Files.isRegularFile(target.resolve("cairn.yaml"))) return target;
    Path root = appDir.toAbsolutePath().normalize();
    Path partial = dataDir.resolve("code").resolve(version + ".partial");
    try (var walk = Files.walk(root)) {
      List<Path> files = walk.filter(Files::isRegularFile).filter(p -> {
        for (Path part : root.relativize(p)) {
          String name = part.toString();
          if (name.startsWith(".") || name.equals("node_modules")) return false;
        }
        return true;
      }).toList();
      for (Path f : files) {
        Path to = partial.resolve(root.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.createDirectories(target.getParent());
      // rename last: a crash mid-copy leaves only a .partial folder, never a half archive
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the code of version " + version + " in " + target, e);
    }
  }

  /** The folder of {@code version}, if it was kept. */
  static java.util.Optional<Path> find(Path dataDir, String version) {
    Path target = dataDir.resolve("code").resolve(version);
    return Files.isRegularFile(target.resolve("cairn.yaml")) ? java.util.Optional.of(target) : java.util.Optional.empty();
  }
}
