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

  /** A feature the command line names but this build cannot do yet. */
  public static CliException notSupportedYet(String message) {
    return new CliException("not_supported_yet", message);
  }

  /** {@code --app} points at an app that has recorded nothing (yet). */
  public static CliException journalNotFound(Path appDir, Path file) {
    return new CliException("journal_not_found", "no recorded invocations for " + appDir + ": " + file
        + " does not exist (cairn dev and cairn serve record there)");
  }

  /** {@code --server} without a token from --token, CAIRN_ADMIN_TOKEN or the app's .cairn/admin-token. */
  public static CliException adminTokenMissing(Path tokenFile) {
    return new CliException("admin_token_missing", "--server needs the admin token: pass --token, set CAIRN_ADMIN_TOKEN,"
        + " or run where " + tokenFile + " exists");
  }

  /** {@code --app} names an app no server is serving now (and no {@code --server} was given). */
  public static CliException serverNotRunning(Path appDir, Path urlFile) {
    return new CliException("server_not_running", "no running server for " + appDir + " (" + urlFile
        + " does not exist): start it with cairn dev or cairn serve, or pass --server URL");
  }

  /** A command-line value that cannot be used, with what was expected. */
  public static CliException badArgument(String option, String why) {
    return new CliException("bad_argument", option + ": " + why);
  }

  /** The server could not be reached, or answered something that is not the admin API. */
  public static CliException serverUnreachable(String url, String why) {
    return new CliException("server_unreachable", "cannot use the admin API at " + url + ": " + why);
  }

  /** An error the server answered, passed on with its own code. */
  public static CliException fromServer(String code, String message) {
    return new CliException(code.matches("[a-z][a-z0-9_]*") ? code : "server_error", message);
  }

  /** A replay that could not run, with the code the replay engine gave. */
  public static CliException replayFailed(String code, String message) {
    return new CliException(code, message);
  }
}
