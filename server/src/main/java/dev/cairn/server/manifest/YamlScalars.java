package dev.cairn.server.manifest;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Scalar text to Java values, by the tag SnakeYAML's resolver gave the scalar (YAML 1.1 rules:
 * {@code 1_000} and {@code 0x1F} are integers, {@code yes} and {@code on} are booleans). The composer
 * only tags scalars; turning them into values is ours to do, without the object loader that would
 * lose line numbers.
 */
final class YamlScalars {
  private static final Set<String> TRUE = Set.of("true", "yes", "on");

  private YamlScalars() {}

  /** A scalar as {@code String}, {@code Long}, {@code Double} or {@code Boolean}; empty for null. */
  static Optional<Object> toPlain(ScalarNode scalar) {
    var tag = scalar.getTag();
    var text = scalar.getValue();
    if (tag.equals(Tag.NULL)) return Optional.empty();
    if (tag.equals(Tag.INT)) return toLong(text).<Object>map(value -> value).or(() -> Optional.of(text));
    if (tag.equals(Tag.FLOAT)) return toDouble(text).<Object>map(value -> value).or(() -> Optional.of(text));
    if (tag.equals(Tag.BOOL)) return Optional.of(TRUE.contains(text.toLowerCase(Locale.ROOT)));
    return Optional.of(text);
  }

  /**
   * A YAML 1.1 integer ({@code -12}, {@code 1_000}, {@code 0x1F}, {@code 0b101}, {@code 017}), or
   * empty when it does not fit in a {@code long} or uses a form not supported here (sexagesimal).
   */
  static Optional<Long> toLong(String text) {
    var digits = text.replace("_", "");
    var negative = digits.startsWith("-");
    if (negative || digits.startsWith("+")) digits = digits.substring(1);
    int radix = 10;
    if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
    }
    try {
      var value = new BigInteger(digits, radix);
      if (negative) value = value.negate();
      return value.bitLength() < 64 ? Optional.of(value.longValue()) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A YAML 1.1 float ({@code 1.5}, {@code 1_000.5}, {@code 6.8e+3}, {@code .inf}, {@code .nan}), or
   * empty for a form not supported here (sexagesimal).
   */
  static Optional<Double> toDouble(String text) {
    var plain = text.replace("_", "").toLowerCase(Locale.ROOT);
    try {
      return Optional.of(switch (plain) {
        case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
        case "-.inf" -> Double.NEGATIVE_INFINITY;
        case ".nan" -> Double.NaN;
        default -> Double.parseDouble(plain);
      });
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
