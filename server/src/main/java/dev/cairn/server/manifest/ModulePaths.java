package dev.cairn.server.manifest;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Module paths: relative to the app folder and inside it, so an app is one self-contained folder
 * that can be copied, signed and deployed as a whole.
 */
final class ModulePaths {
  private ModulePaths() {}

  /** The module path, normalised with {@code /} separators ({@code ./src/a.js} -> {@code src/a.js}). */
  static String check(YamlField field) {
    var text = field.string();
    try {
      return check(field, text);
    } catch (InvalidPathException e) {
      throw field.invalid("expected a file path, found \"" + text + "\": " + e.getReason());
    }
  }

  private static String check(YamlField field, String text) {
    if (!(text.endsWith(".js") || text.endsWith(".mjs"))) {
      throw field.invalid("expected a JavaScript module path ending in .js or .mjs, found \"" + text + "\"");
    }
    if (text.startsWith("/") || text.startsWith("\\") || Path.of(text).isAbsolute() || text.matches("^[A-Za-z]:.*")) {
      throw field.invalid("expected a path relative to the app folder, found the absolute path \"" + text + "\"");
    }
    for (var segment : text.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw field.invalid("expected a path inside the app folder, found \"" + text + "\" which uses \"..\"");
      }
    }
    var appDir = field.source().appDir();
    var resolved = appDir.resolve(text).normalize();
    if (!Files.isRegularFile(resolved)) {
      throw field.unresolved("module file not found: " + resolved);
    }
    return appDir.relativize(resolved).toString().replace('\\', '/');
  }
}
