package dev.cairn.server.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's signature: a compact JWS, {@code base64url(header).base64url(claims).base64url(sig)},
 * header {@code {"alg":"EdDSA","typ":"cairn-module"}}, claims as in {@link ModuleClaims}, signed with
 * Ed25519 over the first two parts (RFC 7515 signing input). It lives beside the module in a sidecar
 * file {@code <module>.sig}, so the module's own bytes — what the subject hashes — never change.
 */
public final class ModuleSignature {
  public static final String SIDECAR_SUFFIX = ".sig";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = "{\"alg\":\"EdDSA\",\"typ\":\"cairn-module\"}";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ModuleSignature() {}

  public static String subject(byte[] module) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(module));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static String sign(ModuleClaims claims, SigningKeys.Pair key) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iss", claims.issuer());
    payload.put("sub", claims.subject());
    payload.put("iat", claims.issuedAtS());
    payload.put("exp", claims.expiresAtS());
    payload.put("caps", claims.capabilities());
    payload.put("mod", claims.module());
    String input;
    try {
      input = B64.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(JSON.writeValueAsBytes(payload));
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key.privateKey());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw SignatureException.badKey("(private key)", "cannot sign: " + e.getMessage());
    }
  }

  /** The claims of {@code token}, unverified; {@code module} names it in errors. */
  public static ModuleClaims claims(String module, String token) {
    String[] parts = token.strip().split("\\.", -1);
    if (parts.length != 3) throw SignatureException.invalid(module, "expected header.claims.signature");
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      if (!header.path("alg").asText().equals("EdDSA")) throw SignatureException.invalid(module, "alg must be EdDSA, not " + header.path("alg"));
      JsonNode c = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      List<String> caps = new ArrayList<>();
      for (JsonNode n : c.path("caps")) caps.add(n.asText());
      if (!c.path("iss").isTextual() || !c.path("sub").isTextual() || !c.path("iat").canConvertToLong() || !c.path("exp").canConvertToLong()) {
        throw SignatureException.invalid(module, "iss, sub, iat and exp are required");
      }
      return new ModuleClaims(c.path("iss").asText(), c.path("sub").asText(), c.path("iat").asLong(), c.path("exp").asLong(), caps,
          c.path("mod").asText(""));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw SignatureException.invalid(module, "cannot be decoded: " + e.getMessage());
    }
  }

  /** True when {@code token}'s signature was made by {@code key}. */
  public static boolean signedBy(String token, PublicKey key) {
    String t = token.strip();
    int cut = t.lastIndexOf('.');
    if (cut < 0) return false;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(t.substring(0, cut).getBytes(StandardCharsets.US_ASCII));
      return s.verify(Base64.getUrlDecoder().decode(t.substring(cut + 1)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
