package dev.cairn.server.manifest;

import dev.cairn.core.ByteSizes;

import dev.cairn.core.manifest.JournalRetention;
import java.util.List;

/** Reads {@code journal: { retainMs, bytesMax }}; each key defaults on its own. */
final class JournalReader {
  private static final List<String> KEYS = List.of("retainMs", "bytesMax");

  private JournalReader() {}

  static JournalRetention read(YamlField field) {
    var journal = field.mapping("a map with retainMs and/or bytesMax", KEYS);
    long retainMs = journal.optional("retainMs").map(JournalReader::positive).orElse(JournalRetention.DEFAULTS.retainMs());
    long bytesMax = journal.optional("bytesMax").map(JournalReader::bytes).orElse(JournalRetention.DEFAULTS.bytesMax());
    return new JournalRetention(retainMs, bytesMax);
  }

  private static long positive(YamlField value) {
    long v = value.integer();
    if (v <= 0) throw value.invalid("expected a positive number of milliseconds, found " + v);
    return v;
  }

  private static long bytes(YamlField value) {
    if (value.isInteger()) return positive(value);
    if (!value.isScalar() || value.isNull()) throw value.expected(ByteSizes.EXPECTED);
    String text = value.string();
    return ByteSizes.parse(text).filter(v -> v > 0)
        .orElseThrow(() -> value.invalid("expected " + ByteSizes.EXPECTED + ", found \"" + text + "\""));
  }
}
