package dev.cairn.cli;

import dev.cairn.core.capability.Contract;
import dev.cairn.server.signing.ModuleClaims;
import dev.cairn.server.signing.ModuleSignature;
import dev.cairn.server.signing.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn sign <module> --claims kv,messaging --issuer KEY}: writes {@code <module>.sig}, an
 * Ed25519 signature over the module's SHA-256 and the capabilities it may bind.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a module with the capabilities it may bind; writes <module>.sig beside it.")
final class SignCommand implements Callable<Integer> {
  static final long EXPIRES_DAYS_DEFAULT = 365;

  @Parameters(index = "0", paramLabel = "<module>", description = "The module file, e.g. src/api.js.") Path module;

  @Option(names = "--claims", paramLabel = "C,C", defaultValue = "", split = ",",
      description = "Contracts the module may bind: kv, messaging, blob, http (none: no capability bindings).")
  List<String> claims;

  @Option(names = "--issuer", required = true, paramLabel = "KEY", description = "The private key file from cairn keys new.") Path issuer;

  @Option(names = "--expires", paramLabel = "DAYS", defaultValue = "" + EXPIRES_DAYS_DEFAULT,
      description = "Days until the signature expires (default: ${DEFAULT-VALUE}).")
  long expiresDays;

  @Spec CommandSpec spec;
  private final CliContext context;

  SignCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<String> caps = claims.stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
    for (String c : caps) {
      if (Contract.of(c).isEmpty()) throw CliException.badArgument("--claims", "\"" + c + "\" is not a contract; contracts are " + Contract.known());
    }
    if (expiresDays < 1 || expiresDays > 3650) throw CliException.badArgument("--expires", "expected 1..3650 days");
    Path file = module.toAbsolutePath().normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.badArgument("<module>", "cannot read " + file + ": " + e.getMessage());
    }
    SigningKeys.Pair key = SigningKeys.readPrivate(issuer);
    long nowS = context.clock().nowMs() / 1000;
    ModuleClaims c = new ModuleClaims(SigningKeys.id(key.publicKey()), ModuleSignature.subject(bytes), nowS, nowS + expiresDays * 86_400,
        caps, module.toString().replace('\\', '/'));
    Path sidecar = file.resolveSibling(file.getFileName() + ModuleSignature.SIDECAR_SUFFIX);
    try {
      Files.writeString(sidecar, ModuleSignature.sign(c, key) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var out = spec.commandLine().getOut();
    out.printf("signed %s (%s) for %s by %s, expires in %d days: %s%n", module, c.subject().substring(0, 19) + "…",
        caps.isEmpty() ? "no capabilities" : String.join(",", caps), c.issuer(), expiresDays, sidecar);
    out.flush();
    return 0;
  }
}
