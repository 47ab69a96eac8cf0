package dev.cairn.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static Router router(Object... serviceThenRoutes) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < serviceThenRoutes.length; i += 2) {
      @SuppressWarnings("unchecked") List<String> routes = (List<String>) serviceThenRoutes[i + 1];
      m.put((String) serviceThenRoutes[i], routes);
    }
    return new Router(m);
  }

  @Test
  void mostSpecificRouteWins() {
    Router r = router("api", List.of("/api/*"), "admin", List.of("/api/admin/*"), "root", List.of("/*"),
        "exact", List.of("/api/health"));
    assertThat(r.route("localhost", "/api/users")).contains("api");
    assertThat(r.route("localhost", "/api/admin/x")).contains("admin");
    assertThat(r.route("localhost", "/api/health")).contains("exact");
    assertThat(r.route("localhost", "/other")).contains("root");
  }

  @Test
  void hostRoutesBeatPathOnlyRoutesAndIgnorePortAndCase() {
    Router r = router("web", List.of("/*"), "hooks", List.of("hooks.example.com/*"), "wild", List.of("*.example.com/*"));
    assertThat(r.route("HOOKS.example.com:8787", "/x")).contains("hooks");
    assertThat(r.route("a.example.com", "/x")).contains("wild");
    assertThat(r.route("example.com", "/x")).contains("web");
    assertThat(r.route("127.0.0.1:8787", "/x")).contains("web");
  }

  @Test
  void prefixRouteDoesNotMatchTheBarePrefixWithoutItsSlash() {
    Router r = router("api", List.of("/api/*"), "other", List.of("/api"));
    assertThat(r.route("h", "/api")).contains("other");
    assertThat(r.route("h", "/apix")).isEmpty();
  }

  @Test
  void singleServiceWithoutRoutesGetsEverything() {
    assertThat(router("only", List.of()).route("h", "/anything")).contains("only");
    assertThat(router("a", List.of(), "b", List.of()).route("h", "/anything")).isEmpty();
    assertThat(router("a", List.of("/a"), "b", List.of()).route("h", "/b")).isEmpty();
  }

  @Test
  void badPatternsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> RoutePattern.parse("api")).hasMessageContaining("no path");
    assertThatThrownBy(() -> RoutePattern.parse("/a/*/b")).hasMessageContaining("may only end");
    assertThatThrownBy(() -> RoutePattern.parse("a*.com/x")).hasMessageContaining("leading");
    assertThatThrownBy(() -> RoutePattern.parse("a.com:80/x")).hasMessageContaining("port");
  }
}
