package dev.cairn.core.spi;

/**
 * Port: the only source of randomness in Cairn. Each invocation draws one seed here; everything
 * random inside the invocation ({@code Math.random}, {@code crypto.getRandomValues}, ids) is derived
 * from that seed, so a recorded seed replays exactly.
 */
public interface Entropy {
  long nextSeed();
}
