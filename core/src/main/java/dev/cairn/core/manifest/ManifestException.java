package dev.cairn.core.manifest;

import dev.cairn.core.CairnException;
import java.nio.file.Path;

/**
 * A manifest that cannot be served. The message always names the file, the line and the field, and
 * says what was expected: {@code cairn.yaml:7: services.api.routes[0]: expected a string starting with "/" ...}.
 */
public final class ManifestException extends CairnException {
  private final Path file;
  private final int line;
  private final String field;

  private ManifestException(String code, Path file, int line, String field, String message) {
    super(code, 500, file + ":" + line + ": " + field + ": " + message);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  /** A value is missing, of the wrong type or out of range. */
  public static ManifestException invalid(Path file, int line, String field, String message) {
    return new ManifestException("manifest_invalid", file, line, field, message);
  }

  /** A key the manifest schema does not know (typos are errors, never ignored). */
  public static ManifestException unknownKey(Path file, int line, String field, String known) {
    return new ManifestException("manifest_unknown_key", file, line, field, "unknown key; expected one of: " + known);
  }

  /** A name that refers to nothing: a binding to a missing service, a module file that does not exist. */
  public static ManifestException unresolved(Path file, int line, String field, String message) {
    return new ManifestException("manifest_unresolved", file, line, field, message);
  }

  /** The file is not valid YAML at all. */
  public static ManifestException syntax(Path file, int line, String message) {
    return new ManifestException("manifest_syntax", file, line, "(yaml)", message);
  }

  public Path file() { return file; }

  public int line() { return line; }

  public String field() { return field; }
}
