package dev.cairn.server.signing;

import java.util.List;

/**
 * What a module's signature says (JWT-style claim names).
 *
 * @param issuer {@code iss}: the signing key's id, {@code ed25519:<fingerprint>}
 * @param subject {@code sub}: {@code sha256:<hex>} of the module file's bytes
 * @param issuedAtS {@code iat}: seconds since the epoch
 * @param expiresAtS {@code exp}: seconds since the epoch
 * @param capabilities {@code caps}: the contracts the module may bind ({@code kv}, {@code messaging}, ...)
 * @param module {@code mod}: the module's path when signed, for people (not checked)
 */
public record ModuleClaims(String issuer, String subject, long issuedAtS, long expiresAtS, List<String> capabilities, String module) {
  public ModuleClaims {
    capabilities = List.copyOf(capabilities);
  }
}
