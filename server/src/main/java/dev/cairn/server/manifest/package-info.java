/**
 * Reading {@code cairn.yaml}: from a file to the validated {@link dev.cairn.core.manifest.Manifest}
 * record in {@code core}, or to one {@link dev.cairn.core.manifest.ManifestException} that says
 * {@code file:line: field.path: what was expected}.
 *
 * <p>Why it looks the way it does:
 *
 * <ul>
 *   <li>SnakeYAML's object loader returns plain maps and forgets where each value came from, so the
 *       loader composes YAML <em>nodes</em> instead and converts them itself ({@code YamlField},
 *       {@code YamlScalars}). Each node keeps its line, so each error can name it, and the line map
 *       travels on in {@code Manifest.lines()} for checks made later (a class a module does not export).
 *   <li>Nothing is ignored: unknown keys, duplicate keys and empty values are errors. A typo that is
 *       silently dropped turns into a binding missing at 3 a.m.; at load it is a one-line fix.
 *   <li>References are resolved at load: a binding names a service, entity, workflow or capability
 *       that exists (with the contract the binding asks for), and module files exist inside the app
 *       folder. An app that loads does not fail later for a reason the manifest already showed.
 *   <li>Declaration order is kept everywhere, because tools list services, bindings and vars in the
 *       order the user wrote them.
 *   <li>One small class per job: typed node reads, names, routes and hosts, module paths, sizes,
 *       limits, bindings, services, and the loader that puts them in order. Cron entries are
 *       parsed with core's CronExpression, so a bad one fails here with its line.
 * </ul>
 */
package dev.cairn.server.manifest;
