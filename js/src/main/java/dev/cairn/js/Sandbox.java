package dev.cairn.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;

/**
 * The sandbox every handler context is built in: no host class access, no polyglot access, no
 * threads, no native code, no processes, no environment, no {@code SharedArrayBuffer}/{@code Atomics},
 * none of GraalJS's non-standard globals. One definition, used by production and by the Web API
 * tests, so the tests run in exactly the sandbox users get. The caller adds I/O (module imports).
 */
public final class Sandbox {
  private Sandbox() {}

  public static Context.Builder builder(Engine engine) {
    return Context.newBuilder("js")
        .engine(engine)
        .allowHostAccess(HostAccess.NONE)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowCreateThread(false)
        .allowNativeAccess(false)
        .allowCreateProcess(false)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowExperimentalOptions(true)
        .option("js.esm-eval-returns-exports", "true")
        .option("js.import-attributes", "true")
        .option("js.json-modules", "true")
        .option("js.load", "false")
        .option("js.print", "false")
        .option("js.graal-builtin", "false")
        .option("js.polyglot-builtin", "false")
        .option("js.java-package-globals", "false")
        .option("js.shared-array-buffer", "false")
        .option("js.atomics", "false")
        .option("js.console", "false")
        .option("js.performance", "false")
        .option("js.unhandled-rejections", "none");
  }
}
