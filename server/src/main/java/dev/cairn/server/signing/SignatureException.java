package dev.cairn.server.signing;

import dev.cairn.core.CairnException;

/**
 * Why a module may not be served under {@code --require-signed}, or why signing failed. Every
 * message names the module; claim errors also name the capability and the claim.
 */
public final class SignatureException extends CairnException {
  private SignatureException(String code, String message) {
    super(code, 403, message);
  }

  public static SignatureException unsigned(String module, String sidecar) {
    return new SignatureException("module_unsigned", "module " + module + " is not signed: there is no " + sidecar
        + " (sign it with: cairn sign " + module + " --claims <contracts> --issuer <key>)");
  }

  public static SignatureException invalid(String module, String why) {
    return new SignatureException("module_signature_invalid", "module " + module + ": its signature is not valid: " + why);
  }

  public static SignatureException tampered(String module, String signed, String actual) {
    return new SignatureException("module_tampered", "module " + module + " changed after it was signed: the signature is for "
        + signed + ", the file is " + actual + " (sign it again)");
  }

  public static SignatureException expired(String module, String when) {
    return new SignatureException("module_signature_expired", "module " + module + ": its signature expired at " + when);
  }

  public static SignatureException notYetValid(String module, String when) {
    return new SignatureException("module_signature_not_yet_valid", "module " + module + ": its signature is issued at " + when
        + ", in the future (check the signer's clock)");
  }

  public static SignatureException untrusted(String module, String issuer, String trusted) {
    return new SignatureException("module_issuer_untrusted", "module " + module + " is signed by " + issuer
        + ", which is not trusted (trusted: " + (trusted.isEmpty() ? "none; pass --trust <key.pub>" : trusted) + ")");
  }

  public static SignatureException claimMissing(String module, String where, String capability, String contract, java.util.List<String> claims) {
    return new SignatureException("module_claim_missing", "module " + module + " (" + where + ") binds capability " + capability
        + " (contract " + contract + "), but its signature's capabilities claim lists " + (claims.isEmpty() ? "none" : String.join(", ", claims))
        + ", not " + contract + " (sign it again with --claims " + String.join(",", java.util.stream.Stream.concat(claims.stream(),
        java.util.stream.Stream.of(contract)).distinct().toList()) + ")");
  }

  public static SignatureException badKey(String file, String why) {
    return new SignatureException("signing_key_invalid", "key " + file + ": " + why);
  }

  public static SignatureException badClaims(String why) {
    return new SignatureException("signing_claims_invalid", why);
  }
}
