package dev.cairn.server.manifest;

import dev.cairn.core.ByteSizes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scalar forms the loader turns into numbers itself, since it does not use SnakeYAML's object loader. */
class ManifestScalarsTest {

  @Test
  void integersInYaml11Forms() {
    assertThat(YamlScalars.toLong("42")).contains(42L);
    assertThat(YamlScalars.toLong("-1_000")).contains(-1000L);
    assertThat(YamlScalars.toLong("+7")).contains(7L);
    assertThat(YamlScalars.toLong("0x1F")).contains(31L);
    assertThat(YamlScalars.toLong("0b101")).contains(5L);
    assertThat(YamlScalars.toLong("017")).contains(15L);
    assertThat(YamlScalars.toLong("0")).contains(0L);
    assertThat(YamlScalars.toLong("9223372036854775807")).contains(Long.MAX_VALUE);
    assertThat(YamlScalars.toLong("9223372036854775808")).isEmpty();
    assertThat(YamlScalars.toLong("1:30")).isEmpty();
  }

  @Test
  void floats() {
    assertThat(YamlScalars.toDouble("1_000.5")).contains(1000.5);
    assertThat(YamlScalars.toDouble("6.8e+3")).contains(6800.0);
    assertThat(YamlScalars.toDouble("-.inf")).contains(Double.NEGATIVE_INFINITY);
    assertThat(YamlScalars.toDouble(".NaN")).hasValueSatisfying(value -> assertThat(value).isNaN());
    assertThat(YamlScalars.toDouble("1:30.5")).isEmpty();
  }

  @Test
  void byteSizesWithDecimalAndBinaryUnits() {
    assertThat(ByteSizes.parse("512")).contains(512L);
    assertThat(ByteSizes.parse("512B")).contains(512L);
    assertThat(ByteSizes.parse("512KB")).contains(512_000L);
    assertThat(ByteSizes.parse("10MB")).contains(10_000_000L);
    assertThat(ByteSizes.parse("10 MB")).contains(10_000_000L);
    assertThat(ByteSizes.parse("1MiB")).contains(1L << 20);
    assertThat(ByteSizes.parse("2GiB")).contains(2L << 30);
    assertThat(ByteSizes.parse("10mb")).isEmpty();
    assertThat(ByteSizes.parse("1.5MB")).isEmpty();
    assertThat(ByteSizes.parse("99999999999999GiB")).isEqualTo(Optional.empty());
  }
}
