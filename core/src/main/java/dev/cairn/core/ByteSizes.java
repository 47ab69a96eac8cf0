package dev.cairn.core;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sizes written with a unit: {@code "512KB"}, {@code "10MB"}, {@code "1MiB"}. KB, MB and GB are
 * decimal (1000), KiB, MiB and GiB binary (1024), as their standards define them; a bare number is
 * bytes.
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("([0-9][0-9_]*)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?");
  private static final Map<String, Long> UNITS = Map.of(
      "B", 1L,
      "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L,
      "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30);

  public static final String EXPECTED = "a byte count, or a size like \"512KB\", \"10MB\" or \"1MiB\" (units B, KB, MB, GB, KiB, MiB, GiB)";

  private ByteSizes() {}

  /** The number of bytes, or empty when the text is not a size or does not fit in a {@code long}. */
  public static Optional<Long> parse(String text) {
    var matcher = SIZE.matcher(text.strip());
    if (!matcher.matches()) return Optional.empty();
    var unit = UNITS.get(matcher.group(2) == null ? "B" : matcher.group(2));
    try {
      return Optional.of(Math.multiplyExact(Long.parseLong(matcher.group(1).replace("_", "")), unit));
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
