package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.spi.Clock;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerOptions;
import dev.cairn.server.signing.SigningPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn keys new}, {@code cairn sign} and {@code cairn serve --require-signed}'s refusals;
 * {@code cairn link set|remove|list} against a running server found through {@code --app}.
 */
class CapabilityCommandsTest {
  static final long DAY_MS = 86_400_000L;

  @TempDir Path dir;
  StringWriter out;
  StringWriter err;
  long nowMs = System.currentTimeMillis();

  static final String MANIFEST = """
      app: signed
      capabilities:
        cache: { contract: kv }
      services:
        api: { module: src/api.js, routes: ["/*"], bindings: { KV: { kv: cache } } }
      """;

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Clock clock = new Clock() {
      @Override public long nowMs() { return nowMs; }
      @Override public long monotonicNs() { return 0; }
    };
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), options -> {
      throw new AssertionError("no server is started");
    }, new CliContext(clock, LocalReplay.NOT_BUILT, Map.of()));
  }

  Path app() throws Exception {
    Files.createDirectories(dir.resolve("app/src"));
    Files.writeString(dir.resolve("app/cairn.yaml"), MANIFEST);
    Files.writeString(dir.resolve("app/src/api.js"), "import { hello } from './lib.js';\n"
        + "export default { async fetch(r, env) { return new Response(hello(await env.KV.increment('n'))); } };\n");
    Files.writeString(dir.resolve("app/src/lib.js"), "export function hello(n) { return 'hello ' + n; }\n");
    return dir.resolve("app");
  }

  CairnException refusal(Path app, Path... trusted) {
    try (CairnServer s = CairnServer.start(new ServerOptions(app, "127.0.0.1", 0, false, app.resolve(".cairn"),
        new SigningPolicy(true, List.of(trusted))))) {
      throw new AssertionError("served " + app);
    } catch (CairnException e) {
      return e;
    }
  }

  @Test
  void signedModulesServeAndEveryBadSignatureIsRefusedNamingTheModule() throws Exception {
    Path app = app();
    Path keys = dir.resolve("keys");
    assertThat(run("keys", "new", "--name", "ops", "--out", keys.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("issuer ed25519:");
    assertThat(Files.getPosixFilePermissions(keys.resolve("ops.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(run("keys", "new", "--name", "other", "--out", keys.toString())).isZero();
    Path pub = keys.resolve("ops.pub");

    assertThat(refusal(app, pub)).extracting(CairnException::code).isEqualTo("module_unsigned");
    assertThat(run("sign", app.resolve("src/api.js").toString(), "--claims", "messaging", "--issuer", keys.resolve("ops.key").toString())).isZero();
    assertThat(run("sign", app.resolve("src/lib.js").toString(), "--issuer", keys.resolve("ops.key").toString())).isZero();
    assertThat(out.toString()).contains("no capabilities").contains("lib.js.sig");

    CairnException missing = refusal(app, pub);
    assertThat(missing.code()).isEqualTo("module_claim_missing");
    assertThat(missing.getMessage()).contains("module src/api.js").contains("capability cache").contains("contract kv")
        .contains("capabilities claim lists messaging");

    assertThat(run("sign", app.resolve("src/api.js").toString(), "--claims", "kv,messaging", "--issuer", keys.resolve("ops.key").toString())).isZero();
    try (CairnServer s = CairnServer.start(new ServerOptions(app, "127.0.0.1", 0, false, app.resolve(".cairn"), new SigningPolicy(true, List.of(keys))))) {
      assertThat(s.appName()).isEqualTo("signed");
    }

    assertThat(refusal(app, keys.resolve("other.pub"))).extracting(CairnException::code).isEqualTo("module_issuer_untrusted");

    Files.writeString(app.resolve("src/lib.js"), "export function hello(n) { return 'pwned ' + n; }\n");
    CairnException tampered = refusal(app, pub);
    assertThat(tampered.code()).isEqualTo("module_tampered");
    assertThat(tampered.getMessage()).contains("src/lib.js");
    assertThat(run("sign", app.resolve("src/lib.js").toString(), "--issuer", keys.resolve("ops.key").toString())).isZero();

    nowMs -= 400 * DAY_MS; // signed long ago, for 365 days
    assertThat(run("sign", app.resolve("src/api.js").toString(), "--claims", "kv", "--issuer", keys.resolve("ops.key").toString())).isZero();
    assertThat(refusal(app, pub)).extracting(CairnException::code).isEqualTo("module_signature_expired");

    Files.writeString(app.resolve("src/api.js.sig"), "not.a.signature\n");
    assertThat(refusal(app, pub)).extracting(CairnException::code).isEqualTo("module_signature_invalid");

    // cairn dev (and serve without --require-signed) serve unsigned code.
    try (CairnServer s = CairnServer.start(ServerOptions.of(app, 0, true))) {
      assertThat(s.appName()).isEqualTo("signed");
    }
  }

  @Test
  void signingRefusesUnknownContractsAndServeNeedsATrustedKey() throws Exception {
    Path app = app();
    assertThat(run("keys", "new", "--out", dir.toString())).isZero();
    assertThat(run("sign", app.resolve("src/api.js").toString(), "--claims", "kv,queue", "--issuer", dir.resolve("cairn-signing.key").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("error[bad_argument]").contains("\"queue\" is not a contract");
    assertThat(run("sign", app.resolve("src/api.js").toString(), "--issuer", dir.resolve("cairn-signing.pub").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error[signing_key_invalid]");
    assertThat(run("serve", app.toString(), "--require-signed")).isEqualTo(2);
    assertThat(err.toString()).contains("--require-signed needs at least one --trust");
  }

  @Test
  void linkCommandsReachTheRunningServerThroughTheAppFolder() throws Exception {
    Path app = app();
    assertThat(run("link", "list", "--app", app.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error[server_not_running]");
    try (CairnServer s = CairnServer.start(ServerOptions.of(app, 0, false))) {
      assertThat(run("link", "list", "--app", app.toString())).as(err.toString()).isZero();
      assertThat(out.toString()).contains("NAME").containsPattern("cache +kv +sqlite +healthy +manifest");

      String ns = "cli" + Long.toHexString(System.nanoTime());
      assertThat(run("link", "set", "cache", "--provider", "redis", "--url", "redis://127.0.0.1:6379", "--set", "namespace=" + ns,
          "--app", app.toString())).as(err.toString()).isZero();
      assertThat(out.toString()).containsPattern("cache +kv +redis +healthy +runtime +url=redis://127.0.0.1:6379 namespace=" + ns);

      assertThat(run("link", "set", "cache", "--provider", "redis", "--url", "redis://127.0.0.1:1", "--set", "timeoutMs=300",
          "--app", app.toString())).isEqualTo(2);
      assertThat(err.toString()).contains("error[capability_unavailable]");
      assertThat(run("link", "set", "nope", "--provider", "redis", "--app", app.toString())).isEqualTo(2);
      assertThat(err.toString()).contains("error[capability_not_found]");
      assertThat(run("link", "set", "cache", "--provider", "redis", "--set", "oops", "--app", app.toString())).isEqualTo(2);
      assertThat(err.toString()).contains("error[bad_argument]");

      assertThat(run("link", "remove", "cache", "--server", "http://127.0.0.1:" + s.port(), "--app", app.toString())).isZero();
      assertThat(out.toString()).containsPattern("cache +kv +- +unlinked");
      assertThat(run("link", "list", "--json", "--app", app.toString())).isZero();
      assertThat(out.toString()).contains("\"state\":\"unlinked\"").contains("\"swaps\":2");
    }
    assertThatThrownBy(() -> Files.readString(app.resolve(".cairn/server-url"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
