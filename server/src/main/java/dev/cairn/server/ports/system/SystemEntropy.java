package dev.cairn.server.ports.system;

import dev.cairn.core.spi.Entropy;
import java.security.SecureRandom;

/** Production {@link Entropy}: seeds from the operating system's secure random source. */
public final class SystemEntropy implements Entropy {
  private final SecureRandom random = new SecureRandom();

  @Override
  public long nextSeed() {
    return random.nextLong();
  }
}
