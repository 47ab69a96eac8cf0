package dev.cairn.server.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.Limits;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.manifest.ClassSpec;
import dev.cairn.core.manifest.ManifestException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests that load, and what they load into. Bad manifests are in {@link ManifestErrorsTest}. */
class ManifestLoaderTest {

  static Path resource(String folder) {
    try {
      return Path.of(ManifestLoaderTest.class.getResource("/manifest/" + folder + "/cairn.yaml").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fullManifestLoadsEveryField() {
    var dir = resource("full");
    var manifest = ManifestLoader.load(dir);

    assertThat(manifest.file()).isEqualTo(dir.resolve("cairn.yaml"));
    assertThat(manifest.app()).isEqualTo("hello");
    assertThat(manifest.services()).containsOnlyKeys("api", "users");

    var api = manifest.services().get("api");
    assertThat(api.name()).isEqualTo("api");
    assertThat(api.module()).isEqualTo("src/api.js");
    assertThat(api.routes()).containsExactly("/api/*", "api.example.com/*", "*.example.com/x");
    assertThat(api.cron()).containsExactly("*/5 * * * *", "@hourly");
    assertThat(api.bindings()).containsExactly(
        Map.entry("USERS", new BindingSpec.Service("users")),
        Map.entry("ROOMS", new BindingSpec.Entity("Room")),
        Map.entry("FLOW", new BindingSpec.Workflow("Approval")),
        Map.entry("KV", new BindingSpec.Capability("kv", "main")),
        Map.entry("EVENTS", new BindingSpec.Capability("messaging", "events")));
    assertThat(api.vars()).containsExactly(
        Map.entry("GREETING", "hi"),
        Map.entry("N", 3L),
        Map.entry("RATIO", 0.5),
        Map.entry("DEBUG", true),
        Map.entry("FLAGS", List.of(1L, 2L)),
        Map.entry("OBJ", Map.of("b", 1L, "a", List.of("x", 2.5))),
        Map.entry("QUOTED", "3"));
    assertThat(List.copyOf(((Map<?, ?>) api.vars().get("OBJ")).keySet())).isEqualTo(List.of("b", "a"));

    var appLimits = new Limits(2_000, 60_000, 10_000_000, 50, 64, 0, 4);
    assertThat(manifest.limits()).isEqualTo(appLimits);
    assertThat(api.limits()).isEqualTo(appLimits.withCpuTimeMs(50).withBodyBytesMax(1024 * 1024));

    var users = manifest.services().get("users");
    assertThat(users.module()).isEqualTo("src/users.js");
    assertThat(users.routes()).isEmpty();
    assertThat(users.cron()).isEmpty();
    assertThat(users.bindings()).isEmpty();
    assertThat(users.vars()).isEmpty();
    assertThat(users.limits()).isEqualTo(appLimits);

    // entities and workflows inherit the app's limits, as services do
    assertThat(manifest.entities()).containsExactly(Map.entry("Room", new ClassSpec("Room", "src/room.js", "Room", Map.of(), Map.of(),
        appLimits, dev.cairn.core.entity.InstanceLimits.DEFAULTS)));
    assertThat(manifest.workflows()).containsExactly(Map.entry("Approval", new ClassSpec("Approval", "src/approval.mjs", "Approval",
        Map.of(), Map.of(), appLimits, dev.cairn.core.entity.InstanceLimits.DEFAULTS)));
    assertThat(manifest.capabilities()).containsExactly(
        Map.entry("main", new CapabilitySpec("main", "kv", "sqlite", Map.of())),
        Map.entry("events", new CapabilitySpec("events", "messaging", "nats", Map.of("url", "nats://127.0.0.1:4222", "port", "4222"))));
    assertThat(manifest.outboundAllow()).containsExactly("api.github.com", "*.example.com", "127.0.0.1:9000");

    assertThat(manifest.line("services.api.bindings.KV")).isEqualTo(12);
    assertThat(manifest.line("services.api.routes[1]")).isEqualTo(6);
    assertThat(manifest.line("entities.Room.class")).isEqualTo(26);
    assertThat(manifest.line("entities.Room.nothing.here")).isEqualTo(26);
    assertThat(manifest.line("nothing")).isZero();
  }

  @Test
  void peersBenchManifestLoadsInFlowStyle() {
    var manifest = ManifestLoader.load(resource("peers").resolve("cairn.yaml"));

    assertThat(manifest.app()).isEqualTo("peers-bench");
    assertThat(manifest.services()).containsOnlyKeys("app", "adder", "wfapp");
    assertThat(manifest.services().keySet()).containsExactly("app", "adder", "wfapp");
    var app = manifest.services().get("app");
    assertThat(app.routes()).containsExactly("/hello/*", "/counter/*", "/fanout");
    assertThat(app.bindings()).containsExactly(
        Map.entry("COUNTER", new BindingSpec.Entity("Counter")),
        Map.entry("ADDER", new BindingSpec.Service("adder")));
    assertThat(manifest.services().get("wfapp").bindings()).containsExactly(Map.entry("BENCH", new BindingSpec.Workflow("bench")));
    assertThat(manifest.entities()).containsExactly(Map.entry("Counter", new ClassSpec("Counter", "app.js", "Counter")));
    assertThat(manifest.workflows()).containsExactly(Map.entry("bench", new ClassSpec("bench", "wf.js", "BenchWorkflow")));
    assertThat(manifest.limits()).isEqualTo(Limits.DEFAULTS);
    assertThat(manifest.outboundAllow()).isEmpty();
  }

  @Test
  void minimalManifestGetsDefaults(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("api.js"), "");
    Files.writeString(dir.resolve("cairn.yaml"), "app: x\nservices:\n  api: { module: api.js }\n");

    var manifest = ManifestLoader.load(dir);

    assertThat(manifest.entities()).isEmpty();
    assertThat(manifest.workflows()).isEmpty();
    assertThat(manifest.capabilities()).isEmpty();
    assertThat(manifest.outboundAllow()).isEmpty();
    assertThat(manifest.limits()).isEqualTo(Limits.DEFAULTS);
    assertThat(manifest.services().get("api").limits()).isEqualTo(Limits.DEFAULTS);
  }

  @Test
  void servicesKeepDeclarationOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("m.js"), "");
    var yaml = new StringBuilder("app: x\nservices:\n");
    var names = List.of("zeta", "alpha", "mid", "beta", "omega", "a1", "c2", "b3", "d4", "e5", "f6");
    names.forEach(name -> yaml.append("  ").append(name).append(": { module: m.js, vars: { Z: 1, A: 2, M: 3 } }\n"));
    Files.writeString(dir.resolve("cairn.yaml"), yaml);

    var manifest = ManifestLoader.load(dir);

    assertThat(manifest.services().keySet()).containsExactlyElementsOf(names);
    assertThat(manifest.services().get("mid").vars().keySet()).containsExactly("Z", "A", "M");
  }

  @Test
  void missingFileNamesThePath(@TempDir Path dir) {
    assertThatThrownBy(() -> ManifestLoader.load(dir))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining(dir.resolve("cairn.yaml").toString())
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> ManifestLoader.load(dir.resolve("other.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining(dir.resolve("other.yaml").toString());
  }
}
