package dev.cairn.server.ports.system;

import dev.cairn.server.signing.SigningKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * New Ed25519 signing keys, from the operating system's secure randomness: a port edge like the
 * admin token, because a signing key must never come from the replayable seeded generator.
 */
public final class Ed25519KeyGenerator {
  private Ed25519KeyGenerator() {}

  public static SigningKeys.Pair generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new SigningKeys.Pair(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK 15+ has Ed25519", e);
    }
  }
}
