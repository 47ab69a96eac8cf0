package dev.cairn.core.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the service for an incoming request: the most specific matching route wins (see
 * {@link RoutePattern#specificity()}); ties go to the service declared first. An app whose single
 * service declares no routes gets every request.
 */
public final class Router {
  private record Entry(RoutePattern pattern, String service, int order) {}

  private final List<Entry> entries;
  private final Optional<String> fallback;

  /** @param routesByService routes of each service, in declaration order */
  public Router(Map<String, List<String>> routesByService) {
    List<Entry> list = new ArrayList<>();
    int order = 0;
    for (var e : routesByService.entrySet()) {
      for (String r : e.getValue()) list.add(new Entry(RoutePattern.parse(r), e.getKey(), order++));
    }
    list.sort(Comparator.comparingInt((Entry x) -> -x.pattern().specificity()).thenComparingInt(Entry::order));
    this.entries = List.copyOf(list);
    this.fallback = list.isEmpty() && routesByService.size() == 1
        ? Optional.of(routesByService.keySet().iterator().next())
        : Optional.empty();
  }

  public Optional<String> route(String host, String path) {
    for (Entry e : entries) if (e.pattern().matches(host, path)) return Optional.of(e.service());
    return fallback;
  }

  /** The declared route patterns, most specific first, for error messages. */
  public List<String> patterns() {
    return entries.stream().map(e -> e.pattern().source() + " -> " + e.service()).toList();
  }
}
