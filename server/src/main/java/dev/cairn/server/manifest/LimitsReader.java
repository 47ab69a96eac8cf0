package dev.cairn.server.manifest;

import dev.cairn.core.ByteSizes;

import dev.cairn.core.Limits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A {@code limits:} map applied over a base: the app's over {@link Limits#DEFAULTS}, a service's over
 * the app's. Keys are the {@link Limits} components. Each value is applied on its own, so a value
 * {@link Limits} refuses is reported at that value's line.
 */
final class LimitsReader {
  private static final Map<String, BiFunction<Limits, Long, Limits>> SETTERS = setters();

  private LimitsReader() {}

  private static Map<String, BiFunction<Limits, Long, Limits>> setters() {
    var setters = new LinkedHashMap<String, BiFunction<Limits, Long, Limits>>();
    setters.put("cpuTimeMs", Limits::withCpuTimeMs);
    setters.put("wallTimeMs", Limits::withWallTimeMs);
    setters.put("bodyBytesMax", Limits::withBodyBytesMax);
    setters.put("subrequestsMax", (limits, value) -> limits.withSubrequestsMax(Math.toIntExact(value)));
    setters.put("concurrentInvocationsMax", (limits, value) -> limits.withConcurrentInvocationsMax(Math.toIntExact(value)));
    setters.put("queueWaitMs", Limits::withQueueWaitMs);
    setters.put("contexts", (limits, value) -> limits.withContexts(Math.toIntExact(value)));
    return setters;
  }

  /** {@code base} with the overrides in {@code field}; {@code base} itself when the field is null. */
  static Limits read(YamlField field, Limits base) {
    if (field.isNull()) return base;
    var limits = base;
    for (var entry : field.mapping("a map of limits", SETTERS.keySet()).entries().entrySet()) {
      var name = entry.getKey();
      var value = entry.getValue();
      var number = name.equals("bodyBytesMax") ? byteCount(value) : value.integer();
      try {
        limits = SETTERS.get(name).apply(limits, number);
      } catch (ArithmeticException e) {
        throw value.invalid("expected an integer up to " + Integer.MAX_VALUE + ", found " + number);
      } catch (IllegalArgumentException e) {
        throw value.invalid("out of range: " + e.getMessage());
      }
    }
    return limits;
  }

  private static long byteCount(YamlField value) {
    if (value.isInteger()) return value.integer();
    if (!value.isScalar() || value.isNull()) throw value.expected(ByteSizes.EXPECTED);
    var text = value.string();
    return ByteSizes.parse(text).orElseThrow(() -> value.invalid("expected " + ByteSizes.EXPECTED + ", found \"" + text + "\""));
  }
}
