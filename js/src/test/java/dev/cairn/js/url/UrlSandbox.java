package dev.cairn.js.url;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A GraalJS context set up like production's (no host access, no load/print) with only the URL
 * prelude file evaluated and its function called, so tests see exactly what a worker sees.
 */
final class UrlSandbox implements AutoCloseable {
  static final String PRELUDE = "/dev/cairn/js/prelude/05-url.js";

  private final Engine engine;
  final Context context;

  UrlSandbox() {
    engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    context = Context.newBuilder("js")
        .engine(engine)
        .allowHostAccess(HostAccess.NONE)
        .allowExperimentalOptions(true)
        .option("js.load", "false")
        .option("js.print", "false")
        .build();
  }

  /** Evaluates the prelude file and calls its function with two fresh objects, as Cairn does. */
  UrlSandbox install() {
    Value function = context.eval(Source.create("js", preludeText()));
    function.execute(context.eval("js", "({})"), context.eval("js", "({})"));
    return this;
  }

  Value eval(String js) {
    return context.eval("js", js);
  }

  static String preludeText() {
    try (InputStream in = UrlSandbox.class.getResourceAsStream(PRELUDE)) {
      if (in == null) throw new IllegalStateException("missing resource " + PRELUDE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + PRELUDE, e);
    }
  }

  @Override
  public void close() {
    context.close();
    engine.close();
  }
}
