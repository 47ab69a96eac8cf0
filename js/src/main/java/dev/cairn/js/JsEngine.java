package dev.cairn.js;

import org.graalvm.polyglot.Engine;

/**
 * The one GraalJS {@link Engine} of a process. All contexts share it, so parsed and compiled code
 * is shared across contexts and services. Whether JavaScript is JIT-compiled depends on how the JVM
 * was started (the launcher adds the Graal compiler when it can); {@link #optimized()} tells.
 */
public final class JsEngine implements AutoCloseable {
  private final Engine engine;

  public JsEngine() {
    this.engine = Engine.newBuilder("js")
        .option("engine.WarnInterpreterOnly", "false")
        .build();
  }

  Engine engine() {
    return engine;
  }

  /** GraalJS's own name for its runtime: "Interpreted" without a JIT compiler. */
  public String implementationName() {
    return engine.getImplementationName();
  }

  /** True when JavaScript is compiled by the Graal JIT rather than only interpreted. */
  public boolean optimized() {
    return !implementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted");
  }

  /** "optimized" or "interpreted", for startup logs. */
  public String mode() {
    return optimized() ? "optimized" : "interpreted";
  }

  @Override
  public void close() {
    engine.close(true);
  }
}
