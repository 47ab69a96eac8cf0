package dev.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The clock, randomness, sleeping and threads enter Cairn only through its ports (DESIGN.md §3): replay
 * and simulation depend on it. This test scans every module's {@code src/main/java} for the direct
 * calls. Allowed only in the production port implementations ({@code .../ports/system/}) and in files
 * that say {@code // cairn:port-implementation} (process edges such as a shutdown hook).
 */
class DeterminismBanTest {
  static final String MARKER = "// cairn:port-implementation";

  static final List<Pattern> BANNED = Stream.of(
          "System\\s*\\.\\s*currentTimeMillis\\b",
          "System\\s*\\.\\s*nanoTime\\b",
          "\\b(Instant|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime)\\s*\\.\\s*now\\s*\\(",
          "UUID\\s*\\.\\s*randomUUID\\b",
          "new\\s+(java\\.util\\.)?Random\\s*\\(",
          "\\bThreadLocalRandom\\b",
          "Math\\s*\\.\\s*random\\s*\\(",
          "new\\s+(java\\.security\\.)?SecureRandom\\s*\\(",
          "Thread\\s*\\.\\s*sleep\\b",
          "new\\s+Thread\\s*\\(",
          "Thread\\s*\\.\\s*ofVirtual\\b",
          "Thread\\s*\\.\\s*ofPlatform\\b",
          "Executors\\s*\\.\\s*new")
      .map(Pattern::compile)
      .toList();

  @Test
  void noModuleReachesTheClockRandomnessOrThreadsDirectly() throws IOException {
    Path root = repositoryRoot();
    List<Path> sourceRoots;
    try (Stream<Path> modules = Files.list(root)) {
      sourceRoots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
    }
    assertThat(sourceRoots).as("source folders under %s", root).contains(root.resolve("core/src/main/java"));

    List<String> violations = new ArrayList<>();
    int filesScanned = 0;
    for (Path sourceRoot : sourceRoots) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sourceRoot)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path file : files) {
        filesScanned++;
        violations.addAll(scan(root.relativize(file).toString(), Files.readString(file)));
      }
    }

    assertThat(filesScanned).isPositive();
    assertThat(violations)
        .as("direct clock/randomness/thread use outside ports/system/ (inject Clock, Entropy or Scheduler"
            + " instead, DESIGN.md §3)")
        .isEmpty();
  }

  @Test
  void theScannerReportsBannedCallsAndSkipsCommentsAndLiterals() {
    String source = """
        package dev.cairn.x;

        /**
         * Unlike System.currentTimeMillis(), this never ticks.
         */
        class X {
          long a = System.currentTimeMillis(); // reported
          // Thread.sleep(5) in a line comment is not code
          /* nor is new Random( in a block comment */
          String s = "Instant.now( in a string";
          String t = \"""
              Math.random( in a text block
              \""";
          void run() throws Exception { Thread.sleep(1); new java.util.Random(7); }
          Runnable r = () -> Executors.newSingleThreadExecutor();
        }
        """;

    assertThat(scan("core/src/main/java/dev/cairn/x/X.java", source)).containsExactly(
        "core/src/main/java/dev/cairn/x/X.java:7: long a = System.currentTimeMillis(); // reported",
        "core/src/main/java/dev/cairn/x/X.java:14: void run() throws Exception { Thread.sleep(1); new java.util.Random(7); }",
        "core/src/main/java/dev/cairn/x/X.java:15: Runnable r = () -> Executors.newSingleThreadExecutor();");
  }

  @Test
  void portImplementationsMayUseTheSystem() {
    String source = "class SystemClock { long now() { return System.nanoTime(); } }\n";

    assertThat(scan("server/src/main/java/dev/cairn/server/ports/system/SystemClock.java", source)).isEmpty();
    assertThat(scan("cli/src/main/java/dev/cairn/cli/Hook.java", MARKER + " -- why\n" + source)).isEmpty();
    assertThat(scan("cli/src/main/java/dev/cairn/cli/Hook.java", source)).hasSize(1);
  }

  /** Returns {@code file:line: code} for each line of {@code source} that uses a banned call. */
  static List<String> scan(String file, String source) {
    String normalized = file.replace('\\', '/');
    if (normalized.contains("/ports/system/") || source.lines().anyMatch(l -> l.strip().startsWith(MARKER))) {
      return List.of();
    }
    String[] code = blankCommentsAndLiterals(source).split("\n", -1);
    String[] original = source.split("\n", -1);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < code.length; i++) {
      String line = code[i];
      if (BANNED.stream().anyMatch(p -> p.matcher(line).find())) {
        found.add(normalized + ":" + (i + 1) + ": " + original[i].strip());
      }
    }
    return found;
  }

  /** Replaces comments and the contents of string, character and text-block literals by spaces, keeping line breaks. */
  static String blankCommentsAndLiterals(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = blank(source, i, end < 0 ? n : end, out);
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = blank(source, i, end < 0 ? n : end + 2, out);
      } else if (source.startsWith("\"\"\"", i)) {
        int end = closing(source, i + 3, "\"\"\"");
        i = blank(source, i, end, out);
      } else if (c == '"' || c == '\'') {
        int end = closing(source, i + 1, String.valueOf(c));
        i = blank(source, i, end, out);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Index just past the unescaped {@code delimiter} at or after {@code from}, or the end of the source. */
  private static int closing(String source, int from, String delimiter) {
    for (int i = from; i < source.length(); i++) {
      if (source.charAt(i) == '\\') {
        i++;
      } else if (source.startsWith(delimiter, i)) {
        return i + delimiter.length();
      }
    }
    return source.length();
  }

  private static int blank(String source, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      out.append(source.charAt(i) == '\n' ? '\n' : ' ');
    }
    return to;
  }

  /** The folder of the top-level pom: Surefire runs this test in core/, one level below it. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    if (!Files.isDirectory(dir.resolve("core"))) {
      throw new UncheckedIOException(new IOException("not inside the Cairn repository: " + dir));
    }
    return dir;
  }
}
