package dev.cairn.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: a {@code cairn serve} JVM of its own on a free port, for crash tests that kill it for real. */
final class ServeProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("\"url\":\"(http://[^\"]+)\"");

  final Process process;
  final String url;

  private ServeProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts {@code cairn serve app --port 0} with {@code jvmArgs} (system properties of fault injection) and waits until it listens. */
  static ServeProcess start(Path app, String... jvmArgs) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Xmx512m"));
    command.addAll(List.of(jvmArgs));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", app.toString(), "--port", "0"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    StringBuilder seen = new StringBuilder();
    for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher m = URL.matcher(line);
      if (m.find()) {
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {})); // keep draining its output
        return new ServeProcess(p, m.group(1));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("cairn serve did not start:\n" + seen);
  }

  /** SIGKILL on Linux: no shutdown hook, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
