package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownHookTest {
  @Test
  void sigtermClosesTheServerOnce() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Sleeper.class.getName())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");

      process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(out.readLine()).isEqualTo("closed");
      assertThat(out.readLine()).isNull();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void closingNormallyClosesOnceAndUninstallsTheHook() {
    int[] closes = {0};
    ShutdownHook hook = ShutdownHook.install(() -> closes[0]++, "test-stop");

    hook.close();
    hook.close();

    assertThat(closes[0]).isEqualTo(1);
  }

  /** A process that waits forever with a hook installed, as {@code cairn serve} does. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      ShutdownHook.install(() -> System.out.println("closed"), "test-stop");
      System.out.println("ready");
      System.out.flush();
      new CountDownLatch(1).await();
    }
  }
}
