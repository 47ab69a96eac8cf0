package dev.cairn.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.ports.system.AdminTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokensTest {
  @TempDir Path dir;

  @Test
  void madeOnceOwnerOnlyAndKept() throws Exception {
    Path data = dir.resolve(".cairn");
    assertThat(AdminTokens.read(data)).isEmpty();

    String token = AdminTokens.loadOrCreate(data);

    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin-token")))).isEqualTo("rw-------");
    assertThat(AdminTokens.loadOrCreate(data)).isEqualTo(token);
    assertThat(AdminTokens.read(data)).contains(token);
    assertThat(AdminTokens.loadOrCreate(dir.resolve("other"))).isNotEqualTo(token);
  }
}
