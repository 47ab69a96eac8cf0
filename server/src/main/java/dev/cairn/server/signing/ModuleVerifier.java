package dev.cairn.server.signing;

import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.core.spi.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code --require-signed} check, run before an app version starts. Every JavaScript file of the
 * app ({@code *.js}, {@code *.mjs} outside {@code .cairn/} and {@code node_modules/}) must carry a
 * valid signature by a trusted issuer, unexpired, over its current bytes — code a service imports
 * is code it runs. Then each service's bindings and subscriptions must be listed in its own
 * module's capabilities claim.
 */
public final class ModuleVerifier {
  /** Signatures issued this far in the future are still accepted (signers' clocks drift). */
  static final long CLOCK_SKEW_S = 300;

  private ModuleVerifier() {}

  public static void verify(Manifest manifest, SigningPolicy policy, Clock clock) {
    if (!policy.required()) return;
    Map<String, PublicKey> trusted = new LinkedHashMap<>();
    for (PublicKey k : SigningKeys.trusted(policy.trusted())) trusted.put(SigningKeys.id(k), k);
    Path dir = manifest.appDir();
    long nowS = clock.nowMs() / 1000;
    Map<String, ModuleClaims> byModule = new LinkedHashMap<>();
    for (Path file : codeFiles(dir)) {
      String module = dir.relativize(file).toString().replace('\\', '/');
      byModule.put(module, check(module, file, trusted, nowS));
    }
    for (ServiceSpec s : manifest.services().values()) {
      ModuleClaims claims = byModule.get(s.module());
      if (claims == null) claims = check(s.module(), dir.resolve(s.module()), trusted, nowS);
      claimsCover(s.module(), "services." + s.name(), s.bindings(), claims);
      for (var sub : s.subscribe().keySet()) {
        if (!claims.capabilities().contains("messaging")) {
          throw SignatureException.claimMissing(s.module(), "services." + s.name() + ".subscribe." + sub, sub, "messaging", claims.capabilities());
        }
      }
    }
    classesCovered(manifest, byModule, trusted, nowS);
  }

  /** Entities and workflows bind capabilities too: their modules' claims must list them. */
  private static void classesCovered(Manifest manifest, Map<String, ModuleClaims> byModule, Map<String, PublicKey> trusted, long nowS) {
    for (var group : List.of(Map.entry("entities.", manifest.entities()), Map.entry("workflows.", manifest.workflows()))) {
      for (var c : group.getValue().values()) {
        ModuleClaims claims = byModule.get(c.module());
        if (claims == null) claims = check(c.module(), manifest.appDir().resolve(c.module()), trusted, nowS);
        claimsCover(c.module(), group.getKey() + c.name(), c.bindings(), claims);
      }
    }
  }

  private static void claimsCover(String module, String where, Map<String, BindingSpec> bindings, ModuleClaims claims) {
    for (var b : bindings.entrySet()) {
      if (b.getValue() instanceof BindingSpec.Capability c && !claims.capabilities().contains(c.contract())) {
        throw SignatureException.claimMissing(module, where + ".bindings." + b.getKey(), c.capability(), c.contract(), claims.capabilities());
      }
    }
  }

  private static ModuleClaims check(String module, Path file, Map<String, PublicKey> trusted, long nowS) {
    Path sidecar = file.resolveSibling(file.getFileName() + ModuleSignature.SIDECAR_SUFFIX);
    if (!Files.isRegularFile(sidecar)) throw SignatureException.unsigned(module, module + ModuleSignature.SIDECAR_SUFFIX);
    String token;
    byte[] bytes;
    try {
      token = Files.readString(sidecar, StandardCharsets.US_ASCII);
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw SignatureException.invalid(module, "cannot be read: " + e.getMessage());
    }
    ModuleClaims claims = ModuleSignature.claims(module, token);
    PublicKey key = trusted.get(claims.issuer());
    if (key == null) throw SignatureException.untrusted(module, claims.issuer(), String.join(", ", trusted.keySet()));
    if (!ModuleSignature.signedBy(token, key)) throw SignatureException.invalid(module, "the signature does not match its claims and issuer");
    String actual = ModuleSignature.subject(bytes);
    if (!actual.equals(claims.subject())) throw SignatureException.tampered(module, claims.subject(), actual);
    if (claims.expiresAtS() <= nowS) throw SignatureException.expired(module, Instant.ofEpochSecond(claims.expiresAtS()).toString());
    if (claims.issuedAtS() > nowS + CLOCK_SKEW_S) throw SignatureException.notYetValid(module, Instant.ofEpochSecond(claims.issuedAtS()).toString());
    return claims;
  }

  static List<Path> codeFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".mjs"))
          .filter(p -> {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            return !rel.startsWith(".cairn/") && !rel.startsWith("node_modules/") && !rel.contains("/node_modules/");
          })
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
