package dev.cairn.js.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our URL and URLSearchParams against Node 20's (ada) on the same inputs: one Node process and one
 * GraalJS evaluation run the same harness, and every field of every result must match. Node must be
 * on PATH; without it the test fails rather than skips, since this is the spec for the file.
 *
 * <p>The random inputs use a fresh seed per run (override with -Dcairn.url.seed=N); a failure
 * message prints it so the run can be reproduced.
 */
class UrlDifferentialTest {
  private static final int RANDOM_INPUTS = 600;

  /**
   * Where Node 20's parser (ada 2.9) departs from the URL Standard, we follow the standard; these
   * named exclusions (JS predicates over the case and both results) skip exactly those cases and
   * the test reports how many each skipped. Each was checked by hand against the spec's algorithm.
   */
  private static final String KNOWN_NODE_BUGS = """
      ({
        // Spec, path state: ".." on the last segment shortens the path and then appends "", so
        // "sc://h/.." is "sc://h/". ada drops that empty segment for non-special URLs ("sc://h").
        nonSpecialDotDotKeepsEmptySegment: (c, node, ours) =>
          typeof node === "object" && typeof ours === "object" && node.pathname === "" && ours.pathname === "/" &&
          !/^(https?|wss?|ftp|file):$/.test(ours.protocol),
        nonSpecialDotDotKeepsEmptySegmentInPathnameSetter: (c, node, ours) =>
          c.length === 3 && c[1] === "pathname" && c[2].includes("..") && /^sc:/.test(c[0]),
        // Spec, shorten path: only a path that is exactly a normalized drive letter ("a:") is kept.
        // ada also keeps longer segments that merely start with one ("file:///a:b/.." stays "/a:b/").
        fileShortenKeepsOnlyExactDriveLetters: (c, node, ours) =>
          typeof node === "object" && typeof ours === "object" && ours.protocol === "file:" &&
          /^\\/[a-zA-Z]:[^/]/.test(node.pathname),
        // Spec, no scheme state: a base with an opaque path only resolves "#..." inputs; anything
        // else is a failure. ada resolves relative inputs with "/" or ".." against such a base.
        opaqueBaseResolvesOnlyFragments: (c, node, ours) =>
          c.length === 2 && c[1] !== null && /^[a-z][a-z0-9+.-]*:[^/]/i.test(c[1]) && ours === "failure: TypeError" &&
          typeof node === "object" && node.protocol === c[1].slice(0, c[1].indexOf(":") + 1).toLowerCase() &&
          !/^[a-z][a-z0-9+.-]*:/i.test(c[0].replace(/^[\u0000-\u0020]+/, "")),
        // Spec, host setter on a non-special URL without a host ("sc:/p"): the host state parses a
        // port too, and an empty host gives the empty host. ada ignores both.
        hostSetterOnHostlessNonSpecial: (c, node, ours) =>
          c.length === 3 && c[0] === "sc:/p" && (c[1] === "host" || c[1] === "hostname"),
      })""";

  /** Runs in Node and in GraalJS alike: takes the cases, returns the results as JSON. */
  private static final String HARNESS = """
      (function (cases) {
        const F = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];
        const out = { parses: [], params: [], setters: [] };
        for (const [input, base] of cases.parses) {
          try {
            const u = base === null ? new URL(input) : new URL(input, base);
            const o = {};
            for (const f of F) o[f] = u[f];
            out.parses.push(o);
          } catch (e) { out.parses.push("failure: " + e.name); }
        }
        for (const s of cases.params) {
          try {
            const p = new URLSearchParams(s);
            const names = [...new Set(p.keys())];
            const o = { string: p.toString(), size: p.size, all: names.map((k) => [k, p.getAll(k), p.get(k), p.has(k)]) };
            o.pairs = new URLSearchParams([...p]).toString();
            o.record = new URLSearchParams(Object.fromEntries(p)).toString();
            p.sort();
            o.sorted = p.toString();
            const u = new URL("http://h/?" + s);
            u.searchParams.sort();
            o.linked = u.href;
            out.params.push(o);
          } catch (e) { out.params.push("failure: " + e.name); }
        }
        for (const [url, name, value] of cases.setters) {
          try {
            const u = new URL(url);
            const sp = u.searchParams;
            try { u[name] = value; } catch (e) { out.setters.push("threw " + e.name + " " + u.href); continue; }
            out.setters.push(u.href + " | " + sp.toString());
          } catch (e) { out.setters.push("failure: " + e.name); }
        }
        return JSON.stringify(out);
      })""";

  private static final String COMPARE = """
      (function (cases, theirs, ours, bugs) {
        theirs = JSON.parse(theirs); ours = JSON.parse(ours);
        const bad = [], skipped = {};
        const show = (x) => JSON.stringify(x);
        const excused = (c, a, b) => {
          for (const name of Object.keys(bugs)) if (bugs[name](c, a, b)) { skipped[name] = (skipped[name] || 0) + 1; return true; }
          return false;
        };
        cases.parses.forEach((c, i) => {
          const a = theirs.parses[i], b = ours.parses[i];
          if (show(a) === show(b) || excused(c, a, b)) return;
          const fields = typeof a === "object" && typeof b === "object"
            ? Object.keys(a).filter((k) => a[k] !== b[k]).map((k) => k + ": node " + show(a[k]) + " ours " + show(b[k])).join("; ")
            : "node " + show(a) + " ours " + show(b);
          bad.push("parse " + show(c[0]) + (c[1] === null ? "" : " base " + show(c[1])) + " -> " + fields);
        });
        cases.params.forEach((c, i) => {
          if (show(theirs.params[i]) !== show(ours.params[i]))
            bad.push("params " + show(c) + " -> node " + show(theirs.params[i]) + " ours " + show(ours.params[i]));
        });
        cases.setters.forEach((c, i) => {
          if (theirs.setters[i] !== ours.setters[i] && !excused(c, theirs.setters[i], ours.setters[i]))
            bad.push("setter " + show(c) + " -> node " + show(theirs.setters[i]) + " ours " + show(ours.setters[i]));
        });
        return { bad, skipped: show(skipped) };
      })""";

  private static UrlSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = new UrlSandbox().install();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void matchesNodeOnEveryInput() throws Exception {
    long seed = Long.getLong("cairn.url.seed", System.nanoTime());
    List<UrlCases.Parse> parses = UrlCases.parses(seed, RANDOM_INPUTS);
    List<UrlCases.Setter> setters = UrlCases.setters();
    String casesJson = casesJson(parses, setters);

    String theirs = runNode(casesJson);
    Value cases = sandbox.eval("(" + casesJson + ")");
    String ours = sandbox.eval(HARNESS).execute(cases).asString();
    Value result = sandbox.eval(COMPARE).execute(cases, theirs, ours, sandbox.eval(KNOWN_NODE_BUGS));
    Value bad = result.getMember("bad");
    String skipped = result.getMember("skipped").asString();
    System.out.println("UrlDifferentialTest seed " + seed + ", skipped as known Node bugs: " + skipped);

    StringBuilder report = new StringBuilder();
    for (long i = 0; i < bad.getArraySize(); i++) report.append("\n  ").append(bad.getArrayElement(i).asString());
    assertThat(bad.getArraySize())
        .as("seed %d (-Dcairn.url.seed=%d), skipped as known Node bugs %s: %d of %d parses, %d params, %d setters differ from Node:%s",
            seed, seed, skipped, bad.getArraySize(), parses.size(), UrlCases.PARAMS.length, setters.size(), report)
        .isZero();
    assertThat(parses.size()).isGreaterThanOrEqualTo(300 + RANDOM_INPUTS);
  }

  private static String runNode(String casesJson) throws IOException, InterruptedException {
    String script = "let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',(d)=>s+=d);"
        + "process.stdin.on('end',()=>process.stdout.write((" + HARNESS + ")(JSON.parse(s))));";
    Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(false).start();
    try (OutputStream in = node.getOutputStream()) {
      in.write(casesJson.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = node.getInputStream().readAllBytes();
    String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!node.waitFor(30, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new IllegalStateException("node did not finish in 30 s");
    }
    if (node.exitValue() != 0) throw new IllegalStateException("node exited " + node.exitValue() + ": " + err);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String casesJson(List<UrlCases.Parse> parses, List<UrlCases.Setter> setters) {
    StringBuilder b = new StringBuilder("{\"parses\":[");
    for (int i = 0; i < parses.size(); i++) {
      if (i > 0) b.append(',');
      UrlCases.Parse p = parses.get(i);
      b.append('[').append(json(p.input())).append(',').append(p.base() == null ? "null" : json(p.base())).append(']');
    }
    b.append("],\"params\":").append(jsonArray(List.of(UrlCases.PARAMS))).append(",\"setters\":[");
    for (int i = 0; i < setters.size(); i++) {
      if (i > 0) b.append(',');
      UrlCases.Setter s = setters.get(i);
      b.append('[').append(json(s.url())).append(',').append(json(s.name())).append(',').append(json(s.value())).append(']');
    }
    return b.append("]}").toString();
  }

  private static String jsonArray(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) b.append(i > 0 ? "," : "").append(json(items.get(i)));
    return b.append(']').toString();
  }

  /** A JSON string with everything outside printable ASCII escaped, so lone surrogates survive the pipe. */
  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c > 0x7E) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
