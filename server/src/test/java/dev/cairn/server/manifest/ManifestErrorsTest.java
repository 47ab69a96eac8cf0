package dev.cairn.server.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.core.manifest.ManifestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad manifest per kind of mistake, each pinned to its error code, line and field path: these
 * messages are what a user sees, so they are the spec.
 */
class ManifestErrorsTest {
  @TempDir Path dir;

  @BeforeEach
  void modules() throws IOException {
    Files.createDirectories(dir.resolve("src"));
    for (var module : new String[] {"api.js", "users.js", "room.js"}) {
      Files.writeString(dir.resolve("src").resolve(module), "");
    }
  }

  private ManifestException loadFails(String yaml) {
    try {
      Files.writeString(dir.resolve("cairn.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var error = catchThrowableOfType(ManifestException.class, () -> ManifestLoader.load(dir));
    assertThat(error).as("loading should fail").isNotNull();
    return error;
  }

  private void assertError(ManifestException error, String code, int line, String field, String says) {
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.line()).isEqualTo(line);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.file()).isEqualTo(dir.resolve("cairn.yaml"));
    assertThat(error).hasMessageStartingWith(dir.resolve("cairn.yaml") + ":" + line + ": " + field + ": ").hasMessageContaining(says);
  }

  @Test
  void unknownTopLevelKey() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        servces:
          users: { module: src/users.js }
        """);
    assertError(error, "manifest_unknown_key", 4, "servces",
        "unknown key; expected one of: app, services, entities, workflows, capabilities, outbound, limits, journal");
  }

  @Test
  void unknownKeyInsideService() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            route: ["/api/*"]
        """);
    assertError(error, "manifest_unknown_key", 5, "services.api.route", "expected one of: module, routes, cron, bindings, vars, limits, record");
  }

  @Test
  void typoInBindingKind() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            bindings:
              USERS: { servce: users }
          users: { module: src/users.js }
        """);
    assertError(error, "manifest_unknown_key", 6, "services.api.bindings.USERS.servce",
        "expected one of: service, entity, workflow, kv, messaging, blob, http");
  }

  @Test
  void bindingToMissingService() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            bindings: { USERS: { service: user } }
          users: { module: src/users.js }
        """);
    assertError(error, "manifest_unresolved", 5, "services.api.bindings.USERS.service", "no service named \"user\"; services are: api, users");
  }

  @Test
  void bindingToMissingEntity() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js, bindings: { ROOMS: { entity: Rooms } } }
        entities:
          Room: { module: src/room.js, class: Room }
        """);
    assertError(error, "manifest_unresolved", 3, "services.api.bindings.ROOMS.entity", "no entity named \"Rooms\" under entities: (declared: Room)");
  }

  @Test
  void missingModuleFile() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/missing.js }
        """);
    assertError(error, "manifest_unresolved", 3, "services.api.module", "module file not found");
  }

  @Test
  void missingModuleKey() {
    var error = loadFails("""
        app: hello
        services:
          api:
            routes: ["/api/*"]
        """);
    assertError(error, "manifest_invalid", 3, "services.api.module", "missing; expected the service's module path");
  }

  @Test
  void modulePathEscapingTheFolder() throws IOException {
    Files.writeString(dir.resolve("../outside.js"), "");
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/../../outside.js }
        """);
    assertError(error, "manifest_invalid", 3, "services.api.module", "expected a path inside the app folder");
  }

  @Test
  void absoluteModulePath() {
    var error = loadFails("""
        app: hello
        entities:
          Room: { module: /etc/room.js, class: Room }
        services:
          api: { module: src/api.js }
        """);
    assertError(error, "manifest_invalid", 3, "entities.Room.module", "expected a path relative to the app folder");
  }

  @Test
  void badRoutePattern() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            routes:
              - /api/*
              - /api/*/items
        """);
    assertError(error, "manifest_invalid", 7, "services.api.routes[1]", "'*' only as its last character");
  }

  @Test
  void routeWithoutPath() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js, routes: ["api.example.com"] }
        """);
    assertError(error, "manifest_invalid", 3, "services.api.routes[0]", "it has no path in \"api.example.com\"");
  }

  @Test
  void sameRouteInTwoServices() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js, routes: ["/x/*"] }
          users: { module: src/users.js, routes: ["/x/*"] }
        """);
    assertError(error, "manifest_invalid", 4, "services.users.routes[0]", "already declared at services.api.routes[0] (line 3)");
  }

  @Test
  void badLimitValue() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            limits:
              cpuTimeMs: 0
        """);
    assertError(error, "manifest_invalid", 6, "services.api.limits.cpuTimeMs", "out of range: cpuTimeMs must be > 0, got 0");
  }

  @Test
  void limitOfWrongType() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        limits:
          wallTimeMs: "30s"
        """);
    assertError(error, "manifest_invalid", 5, "limits.wallTimeMs", "expected an integer, found a string (\"30s\")");
  }

  @Test
  void bodySizeWithUnknownUnit() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        limits: { bodyBytesMax: 10 parsecs }
        """);
    assertError(error, "manifest_invalid", 4, "limits.bodyBytesMax", "found \"10 parsecs\"");
  }

  @Test
  void unknownLimit() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        limits:
          cpuTimeMs: 10
          memoryMb: 128
        """);
    assertError(error, "manifest_unknown_key", 6, "limits.memoryMb", "cpuTimeMs, wallTimeMs, bodyBytesMax");
  }

  @Test
  void intLimitTooLarge() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        limits: { contexts: 99999999999 }
        """);
    assertError(error, "manifest_invalid", 4, "limits.contexts", "expected an integer up to 2147483647");
  }

  @Test
  void duplicateKey() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            routes: ["/a/*"]
            routes: ["/b/*"]
        """);
    assertError(error, "manifest_invalid", 6, "services.api.routes", "duplicate key; already set on line 5");
  }

  @Test
  void yamlSyntaxError() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js
          users: { module: src/users.js }
        """);
    assertThat(error.code()).isEqualTo("manifest_syntax");
    assertThat(error.field()).isEqualTo("(yaml)");
    assertThat(error.line()).isEqualTo(4);
  }

  @Test
  void badIndentationIsASyntaxError() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
           routes: ["/x"]
        """);
    assertError(error, "manifest_syntax", 5, "(yaml)", "expected <block end>");
  }

  @Test
  void emptyFile() {
    var error = loadFails("# nothing yet\n");
    assertError(error, "manifest_invalid", 1, "(manifest)", "the file is empty");
  }

  @Test
  void topLevelIsNotAMap() {
    var error = loadFails("- app: hello\n");
    assertError(error, "manifest_invalid", 1, "(manifest)", "expected a map with app:, services:");
  }

  @Test
  void listWhereAMapIsExpected() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            bindings:
              - USERS
        """);
    assertError(error, "manifest_invalid", 6, "services.api.bindings", "found a list");
  }

  @Test
  void mapWhereAListIsExpected() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            cron: { every: 5m }
        """);
    assertError(error, "manifest_invalid", 5, "services.api.cron", "expected a list of strings, found a map");
  }

  @Test
  void badCronExpressionNamesItsLineAndWhatIsWrong() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            cron:
              - "*/5 * * * *"
              - "61 * * * *"
        """);
    assertError(error, "manifest_invalid", 7, "services.api.cron[1]", "\"61 * * * *\": minute: 61 is out of range 0-59");
  }

  @Test
  void badAppName() {
    var error = loadFails("""
        # comment
        app: Hello_World
        services:
          api: { module: src/api.js }
        """);
    assertError(error, "manifest_invalid", 2, "app", "expected a lowercase letter or digit, then lowercase letters, digits and '-', at most 63 characters; found \"Hello_World\"");
  }

  @Test
  void missingApp() {
    var error = loadFails("""
        services:
          api: { module: src/api.js }
        """);
    assertError(error, "manifest_invalid", 1, "app", "missing; expected the app's name");
  }

  @Test
  void badServiceName() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
          Users:
            module: src/users.js
        """);
    assertError(error, "manifest_invalid", 4, "services.Users", "found \"Users\"");
  }

  @Test
  void noServices() {
    var error = loadFails("app: hello\nservices: {}\n");
    assertError(error, "manifest_invalid", 2, "services", "expected at least one service, found none");
  }

  @Test
  void badBindingName() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            bindings:
              MY-USERS: { service: api }
        """);
    assertError(error, "manifest_invalid", 6, "services.api.bindings.MY-USERS", "a JavaScript identifier");
  }

  @Test
  void varClashesWithBinding() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            vars:
              GREETING: hi
              USERS: "x"
            bindings:
              USERS: { service: users }
          users: { module: src/users.js }
        """);
    assertError(error, "manifest_invalid", 7, "services.api.vars.USERS", "\"USERS\" is also a binding here");
  }

  @Test
  void nullVar() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js, vars: { A: ~ } }
        """);
    assertError(error, "manifest_invalid", 3, "services.api.vars.A", "expected a string, number, boolean, list or map, found null");
  }

  @Test
  void capabilityContractMismatch() {
    var error = loadFails("""
        app: hello
        services:
          api:
            module: src/api.js
            bindings:
              KV: { kv: events }
        capabilities:
          events: { contract: messaging, provider: nats, url: "nats://127.0.0.1:4222" }
        """);
    assertError(error, "manifest_invalid", 6, "services.api.bindings.KV.kv",
        "expected a capability with contract kv, found \"events\" with contract messaging");
  }

  @Test
  void unknownCapabilityContract() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        capabilities:
          main: { contract: sql, provider: sqlite }
        """);
    assertError(error, "manifest_invalid", 5, "capabilities.main.contract", "expected one of kv, messaging, blob, http, found \"sql\"");
  }

  @Test
  void badOutboundHost() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        outbound:
          allow:
            - api.github.com
            - "https://example.com"
        """);
    assertError(error, "manifest_invalid", 7, "outbound.allow[1]", "write the host alone, without a scheme or path, in \"https://example.com\"");
  }

  @Test
  void classMustBeAnIdentifier() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js }
        workflows:
          Approval: { module: src/room.js, class: "my class" }
        """);
    assertError(error, "manifest_invalid", 5, "workflows.Approval.class", "expected a JavaScript class name");
  }

  @Test
  void selfReferencingVarIsCutOffByTheDepthLimit() {
    var error = loadFails("""
        app: hello
        services:
          api: { module: src/api.js, vars: { A: &loop [1, *loop] } }
        """);
    assertThat(error.code()).isEqualTo("manifest_invalid");
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.field()).startsWith("services.api.vars.A[1][1]");
    assertThat(error).hasMessageContaining("values may nest at most 32 levels deep");
  }
}
