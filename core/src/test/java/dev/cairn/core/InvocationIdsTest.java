package dev.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.spi.Clock;
import dev.cairn.core.spi.Entropy;
import org.junit.jupiter.api.Test;

class InvocationIdsTest {
  @Test
  void idsAreTimeThenRandomnessInFixedWidthHex() {
    Clock clock = new Clock() {
      public long nowMs() { return 0x18f0a1b2c3dL; }
      public long monotonicNs() { return 0; }
    };
    Entropy entropy = () -> 0xfedcba9876543210L;
    assertThat(InvocationIds.next(clock, entropy)).isEqualTo("018f0a1b2c3d" + "fedcba9876543210");
    Entropy small = () -> 1L;
    assertThat(InvocationIds.next(clock, small)).isEqualTo("018f0a1b2c3d0000000000000001");
  }
}
