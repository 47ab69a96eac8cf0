package dev.cairn.js.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Small facts about the URL globals that the differential suite does not cover. */
class UrlPlainTest {
  private static UrlSandbox sandbox;
  private static String globalsBefore;

  @BeforeAll
  static void start() {
    sandbox = new UrlSandbox();
    globalsBefore = sandbox.eval("Reflect.ownKeys(globalThis).map(String).sort().join(',')").asString();
    sandbox.install();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private String js(String source) {
    return sandbox.eval(source).toString();
  }

  @Test
  void searchParamsAppendRoundTripsIntoHref() {
    assertThat(js("(() => { const u = new URL('http://a/'); u.searchParams.append('k', 'v w'); return u.href; })()"))
        .isEqualTo("http://a/?k=v+w");
  }

  @Test
  void searchParamsIsOneLiveObject() {
    assertThat(js("""
        (() => {
          const u = new URL('http://a/?x=1');
          const sp = u.searchParams;
          if (sp !== u.searchParams) return 'not same';
          u.search = '?y=2';
          const afterSearch = sp.get('y');
          sp.delete('y');
          return afterSearch + '|' + u.href + '|' + sp.size;
        })()""")).isEqualTo("2|http://a/|0");
  }

  @Test
  void onlyTheTwoGlobalsAppearAndTheyAreNotEnumerable() {
    String after = js("Reflect.ownKeys(globalThis).map(String).sort().join(',')");
    java.util.Set<String> added = new java.util.TreeSet<>(java.util.List.of(after.split(",")));
    added.removeAll(java.util.List.of(globalsBefore.split(",")));
    assertThat(added).containsExactly("URL", "URLSearchParams");
    assertThat(js("""
        ['URL', 'URLSearchParams'].map((k) => {
          const d = Object.getOwnPropertyDescriptor(globalThis, k);
          return d.enumerable + '/' + d.writable + '/' + d.configurable;
        }).join(' ')""")).isEqualTo("false/true/true false/true/true");
  }

  @Test
  void failuresAreTypeErrors() {
    assertThat(js("(() => { try { new URL('nope'); return 'no error'; } catch (e) { return e.constructor.name + ': ' + e.message; } })()"))
        .isEqualTo("TypeError: Invalid URL");
    assertThat(js("String(URL.parse('nope')) + ' ' + URL.canParse('a', 'http://b/') + ' ' + JSON.stringify(new URL('http://x/y'))"))
        .isEqualTo("null true \"http://x/y\"");
    assertThat(js("(() => { try { new URLSearchParams([['a']]); return 'no error'; } catch (e) { return e.constructor.name; } })()"))
        .isEqualTo("TypeError");
  }
}
