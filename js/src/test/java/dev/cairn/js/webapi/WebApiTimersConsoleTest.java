package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebApiTimersConsoleTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void dateAndPerformanceUseTheHostClock() {
    h.timeMs = 1_000_000;
    assertThat(h.eval("Date.now()").asLong()).isEqualTo(1_000_000);
    assertThat(h.eval("new Date().getTime()").asLong()).isEqualTo(1_000_000);
    assertThat(h.eval("new Date(5).getTime()").asLong()).isEqualTo(5);
    assertThat(h.string("Date()")).isEqualTo(h.string("new Date(1000000).toString()"));
    assertThat(h.eval("new Date() instanceof Date && Date.prototype.constructor === Date && Date.UTC(1970, 0, 2) === 86400000"
        + " && Date.parse('1970-01-01T00:00:01Z') === 1000").asBoolean()).isTrue();
    assertThat(h.eval("class D extends Date {}; new D(7).getTime() === 7 && new D() instanceof Date").asBoolean()).isTrue();
    // workerd's performance: timeOrigin 0, now() the same clock as Date.now() (so it replays)
    assertThat(h.eval("performance.timeOrigin").asLong()).isZero();
    h.timeMs += 250;
    assertThat(h.eval("performance.now()").asLong()).isEqualTo(h.timeMs);
    assertThat(h.eval("typeof WeakRef + typeof FinalizationRegistry").asString()).isEqualTo("undefinedundefined");
    assertThat(h.eval("Math.random()").asDouble()).isEqualTo(new dev.cairn.core.Prng(42).nextDouble());
  }

  @Test
  void timersIntervalsAndMicrotasks() {
    h.eval("""
        var seen = [];
        var t = setTimeout((a, b) => seen.push('t' + a + b), 10, 1, 2);
        var dropped = setTimeout(() => seen.push('dropped'), 5);
        clearTimeout(dropped);
        var n = 0;
        var iv = setInterval(() => { seen.push('i' + (++n)); if (n === 3) clearInterval(iv); }, 4);
        queueMicrotask(() => seen.push('micro'));
        """);
    h.runTimersUntil(h.timeMs + 100);
    assertThat(h.string("seen.join(',')")).isEqualTo("micro,i1,i2,t12,i3");
    assertThat(h.timers).isEmpty();
    assertThat(h.string("try { setTimeout('code'); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
  }

  @Test
  void consoleFormatsLikeNode() {
    h.eval("""
        var o = { a: 1, s: 'x', nested: { deep: { deeper: { deepest: 1 } } } };
        o.self = o;
        console.log('obj', o);
        console.info([1, 'two', [3]], new Map([['k', 1]]), new Set([1]));
        console.warn('%s is %d years and %i, %f; %j %o %%', 'Bob', 42.5, 42.9, '1.5', {j: 1}, [1]);
        var e = new TypeError('boom');
        console.error(e);
        console.debug(-0, 10n, Symbol('q'), function named() {}, class K {}, new Date(0), /re/g);
        console.log(Object.create(null), new (class Point { constructor() { this.x = 1; } })());
        """);
    assertThat(h.logs.get(0)).isEqualTo(
        "log|obj { a: 1, s: 'x', nested: { deep: { deeper: [Object] } }, self: [Circular] }");
    h.eval("console.log({ first: 'a'.repeat(30), second: 'b'.repeat(30), third: [null, undefined] })");
    assertThat(h.logs.get(6)).isEqualTo("log|{\n  first: '" + "a".repeat(30) + "',\n  second: '" + "b".repeat(30)
        + "',\n  third: [ null, undefined ]\n}");
    assertThat(h.logs.get(1)).isEqualTo("info|[ 1, 'two', [ 3 ] ] Map(1) { 'k' => 1 } Set(1) { 1 }");
    assertThat(h.logs.get(2)).isEqualTo("warn|Bob is 42.5 years and 42, 1.5; {\"j\":1} [ 1 ] %");
    assertThat(h.logs.get(3)).startsWith("error|TypeError: boom\n").contains("at ");
    assertThat(h.logs.get(4)).isEqualTo("debug|-0 10n Symbol(q) [Function: named] [class K] 1970-01-01T00:00:00.000Z /re/g");
    assertThat(h.logs.get(5)).isEqualTo("log|[Object: null prototype] {} Point { x: 1 }");
  }
}
