package dev.cairn.js.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebApiEventsTest {
  private final WebApiHarness h = new WebApiHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void listenersHonourOnceSignalAndRemoval() {
    assertThat(h.string("""
        var t = new EventTarget(); var out = [];
        var ac = new AbortController();
        var f = (e) => out.push('f:' + e.type + ':' + (e.target === t));
        t.addEventListener('x', f);
        t.addEventListener('x', f);
        t.addEventListener('x', () => out.push('once'), { once: true });
        t.addEventListener('x', { handleEvent() { out.push('obj'); } }, { signal: ac.signal });
        t.dispatchEvent(new Event('x'));
        ac.abort();
        t.dispatchEvent(new Event('x'));
        t.removeEventListener('x', f);
        t.dispatchEvent(new Event('x'));
        out.join(',')
        """)).isEqualTo("f:x:true,once,obj,f:x:true");
    assertThat(h.eval("var ev = new Event('c', {cancelable: true}); var tt = new EventTarget();"
        + " tt.addEventListener('c', e => e.preventDefault()); tt.dispatchEvent(ev) === false && ev.defaultPrevented")
        .asBoolean()).isTrue();
  }

  @Test
  void abortSignals() {
    assertThat(h.string("""
        var c = new AbortController(); var log = [];
        c.signal.onabort = (e) => log.push('on:' + e.type);
        c.signal.addEventListener('abort', () => log.push('listener'));
        c.abort('why'); c.abort('again');
        log.join(',') + '|' + c.signal.aborted + '|' + c.signal.reason
        """)).isEqualTo("on:abort,listener|true|why");
    assertThat(h.string("try { AbortSignal.abort().throwIfAborted(); 'no' } catch (e) { e.name }")).isEqualTo("AbortError");
    assertThat(h.string("try { new AbortSignal(); 'no' } catch (e) { e.constructor.name }")).isEqualTo("TypeError");
    h.eval("var ts = AbortSignal.timeout(50); var any = AbortSignal.any([new AbortController().signal, ts]);");
    assertThat(h.eval("ts.aborted").asBoolean()).isFalse();
    h.runTimersUntil(h.timeMs + 49);
    assertThat(h.eval("ts.aborted").asBoolean()).isFalse();
    h.runTimersUntil(h.timeMs + 1);
    assertThat(h.string("ts.reason.name + ' ' + ts.reason.code + ' ' + any.aborted + ' ' + (any.reason === ts.reason)"))
        .isEqualTo("TimeoutError 23 true true");
  }
}
