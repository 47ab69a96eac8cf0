package dev.cairn.server.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The version of an app's code, written into every journal: the first 16 hex digits of a SHA-256
 * over the relative path and contents of each file of the app folder (but {@code .cairn/},
 * {@code node_modules/} and dot-folders), in path order. Same files, same version.
 */
public final class CodeVersion {
  private CodeVersion() {}

  public static String of(Path appDir) {
    Path root = appDir.toAbsolutePath().normalize();
    try (var walk = Files.walk(root)) {
      List<Path> files = walk.filter(Files::isRegularFile)
          .filter(p -> {
            for (Path part : root.relativize(p)) {
              String name = part.toString();
              if (name.startsWith(".") || name.equals("node_modules")) return false;
            }
            return true;
          })
          .sorted().toList();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        sha.update(root.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(f));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the app folder " + root, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
