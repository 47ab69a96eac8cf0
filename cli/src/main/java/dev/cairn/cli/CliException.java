package dev.cairn.cli;

import dev.cairn.core.CairnException;
import java.nio.file.Path;

/** Errors the command line finds before a server starts. Printed as {@code cairn: error[<code>]: <message>}. */
public final class CliException extends CairnException {
  private CliException(String code, String message) {
    super(code, 400, message);
  }

  /** The app folder given on the command line does not exist or is not a folder. */
  public static CliException appNotFound(Path appDir) {
    return new CliException("app_not_found", "no app folder at " + appDir + " (give the folder that holds cairn.yaml)");
  }

  /** The app folder exists but holds no manifest. */
  public static CliException manifestMissing(Path appDir) {
    return new CliException("manifest_missing", appDir + " has no cairn.yaml (an app folder needs one)");
  }
}
