package dev.cairn.server.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Ed25519 key files (the JDK's own Ed25519). A private key file holds {@code cairn-ed25519-private
 * <base64 PKCS#8>}; a public one {@code cairn-ed25519 <base64 X.509> <name>}. A key's id — the
 * signature's issuer — is {@code ed25519:} and the first 16 bytes of SHA-256 over the public key,
 * base64url.
 */
public final class SigningKeys {
  static final String PRIVATE_TAG = "cairn-ed25519-private";
  static final String PUBLIC_TAG = "cairn-ed25519";

  private SigningKeys() {}

  /** A private key and its public half. */
  public record Pair(PrivateKey privateKey, PublicKey publicKey) {}

  public static String id(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "ed25519:" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static String privateText(Pair pair) {
    return PRIVATE_TAG + " " + Base64.getEncoder().encodeToString(pair.privateKey().getEncoded()) + " "
        + Base64.getEncoder().encodeToString(pair.publicKey().getEncoded()) + "\n";
  }

  public static String publicText(PublicKey key, String name) {
    return PUBLIC_TAG + " " + Base64.getEncoder().encodeToString(key.getEncoded()) + " " + name + "\n";
  }

  public static Pair readPrivate(Path file) {
    String[] parts = read(file).split("\\s+");
    if (parts.length < 3 || !parts[0].equals(PRIVATE_TAG)) {
      throw SignatureException.badKey(file.toString(), "not a Cairn private key (made by cairn keys new)");
    }
    try {
      KeyFactory f = KeyFactory.getInstance("Ed25519");
      return new Pair(f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
          f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[2]))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw SignatureException.badKey(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  public static PublicKey readPublic(Path file) {
    String[] parts = read(file).split("\\s+");
    if (parts.length < 2 || !parts[0].equals(PUBLIC_TAG)) {
      throw SignatureException.badKey(file.toString(), "not a Cairn public key (a .pub file made by cairn keys new)");
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw SignatureException.badKey(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /** The public keys in {@code paths}: {@code .pub} files, or folders whose {@code *.pub} files are read. */
  public static List<PublicKey> trusted(List<Path> paths) {
    List<PublicKey> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (var files = Files.list(p)) {
          for (Path f : files.filter(f -> f.toString().endsWith(".pub")).sorted().toList()) out.add(readPublic(f));
        } catch (IOException e) {
          throw SignatureException.badKey(p.toString(), "cannot list the folder: " + e.getMessage());
        }
      } else {
        out.add(readPublic(p));
      }
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw SignatureException.badKey(file.toString(), "cannot be read: " + e.getMessage());
    }
  }
}
