package dev.cairn.cli;

import dev.cairn.server.ports.system.Ed25519KeyGenerator;
import dev.cairn.server.signing.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cairn keys new}: an Ed25519 key pair for signing modules. */
@Command(name = "keys", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "new",
    description = "Make signing keys for modules (cairn sign, cairn serve --require-signed).")
final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static picocli.CommandLine commandLine() {
    return new picocli.CommandLine(new KeysCommand()).addSubcommand(new New());
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USER_ERROR;
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Write NAME.key (private, mode 0600: keep it secret) and NAME.pub (give it to servers with --trust).")
  static final class New implements Callable<Integer> {
    @Option(names = "--name", paramLabel = "NAME", defaultValue = "cairn-signing", description = "File name stem (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Folder to write into (default: the current one).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (!name.matches("[A-Za-z0-9._-]+")) throw CliException.badArgument("--name", "expected letters, digits, . _ or -");
      SigningKeys.Pair pair = Ed25519KeyGenerator.generate();
      Path dir = out.toAbsolutePath().normalize();
      Path key = dir.resolve(name + ".key");
      Path pub = dir.resolve(name + ".pub");
      try {
        Files.createDirectories(dir);
        try {
          Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(key);
        }
        Files.writeString(key, SigningKeys.privateText(pair), StandardCharsets.US_ASCII);
        Files.writeString(pub, SigningKeys.publicText(pair.publicKey(), name), StandardCharsets.US_ASCII);
      } catch (FileAlreadyExistsException e) {
        throw CliException.badArgument("--name", key + " already exists; choose another name or folder");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var w = spec.commandLine().getOut();
      w.printf("issuer %s%nprivate key %s (keep it secret)%npublic key %s (cairn serve --require-signed --trust %s)%n",
          SigningKeys.id(pair.publicKey()), key, pub, pub);
      w.flush();
      return 0;
    }
  }
}
