package dev.cairn.cli;

import dev.cairn.server.signing.SigningPolicy;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code cairn serve}: serve an app as in production. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve an app as in production (the launcher turns the optimizing JIT on when it can).")
final class ServeCommand extends AppCommand {
  @Option(names = "--require-signed", description = "Serve only modules signed by a --trust key, binding only what their claims list.")
  boolean requireSigned;

  @Option(names = "--trust", paramLabel = "KEY.pub|DIR", description = "A public key (or a folder of .pub files) whose signatures are trusted (repeatable).")
  List<Path> trust = List.of();

  ServeCommand(RunningServer.Starter starter) {
    super(false, starter);
  }

  @Override
  SigningPolicy signing() {
    if (!requireSigned) {
      if (!trust.isEmpty()) throw new ParameterException(spec.commandLine(), "--trust needs --require-signed");
      return SigningPolicy.NONE;
    }
    if (trust.isEmpty()) throw new ParameterException(spec.commandLine(), "--require-signed needs at least one --trust KEY.pub");
    return new SigningPolicy(true, trust.stream().map(p -> p.toAbsolutePath().normalize()).toList());
  }
}
