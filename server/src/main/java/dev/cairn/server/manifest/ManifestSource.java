package dev.cairn.server.manifest;

import dev.cairn.core.manifest.ManifestException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One manifest file being read: its text composed into YAML nodes (which keep their lines, unlike
 * the object loader's maps), and the line of every field read so far.
 */
final class ManifestSource {
  /** Largest manifest file; a manifest is a page of configuration, not data. */
  static final long FILE_BYTES_MAX = 1024 * 1024;

  private final Path file;
  private final Map<String, Integer> lines = new LinkedHashMap<>();

  private ManifestSource(Path file) {
    this.file = file;
  }

  /** Reads and composes {@code file}; the result is the document as a field with the empty path. */
  static YamlField read(Path file) {
    var source = new ManifestSource(file);
    var text = source.text();
    var options = new LoaderOptions();
    // Duplicate keys: LoaderOptions.setAllowDuplicateKeys is only honoured by the object constructor,
    // which we do not use; YamlField.mapping refuses them, with both lines.
    options.setCodePointLimit((int) FILE_BYTES_MAX);
    try {
      var root = new Yaml(options).compose(new StringReader(text));
      if (root == null) {
        throw ManifestException.invalid(file, 1, "(manifest)", "the file is empty; expected a map with at least app: and services:");
      }
      return new YamlField(source, "", root);
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      var line = mark == null ? 1 : mark.getLine() + 1;
      var context = e.getContext() == null ? "" : e.getContext() + "; ";
      throw ManifestException.syntax(file, line, context + e.getProblem());
    } catch (YAMLException e) {
      throw ManifestException.syntax(file, 1, e.getMessage());
    }
  }

  private String text() {
    try {
      var size = Files.size(file);
      if (size > FILE_BYTES_MAX) {
        throw ManifestException.invalid(file, 1, "(manifest)", "the file has " + size + " bytes; at most " + FILE_BYTES_MAX + " are accepted");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw ManifestException.unresolved(file, 0, "(manifest)", "no such file; expected an app folder holding cairn.yaml, or a manifest file");
    } catch (CharacterCodingException e) {
      throw ManifestException.syntax(file, 1, "the file is not UTF-8 text");
    } catch (IOException e) {
      throw ManifestException.unresolved(file, 0, "(manifest)", "cannot read the file: " + e);
    }
  }

  Path file() {
    return file;
  }

  /** The app folder: module paths are relative to it. */
  Path appDir() {
    return file.toAbsolutePath().normalize().getParent();
  }

  void record(String path, int line) {
    if (!path.isEmpty()) lines.put(path, line);
  }

  /** Field path to line, for every field read. */
  Map<String, Integer> lines() {
    return lines;
  }
}
