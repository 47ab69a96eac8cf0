package dev.cairn.js;

import dev.cairn.core.manifest.BindingSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Builds the sandboxed context of a service: no host class access, no polyglot access, no threads,
 * no file system beyond module imports inside the app folder, no {@code SharedArrayBuffer},
 * {@code Atomics}, {@code WeakRef} or {@code FinalizationRegistry}. Then loads the Web API prelude,
 * the runtime glue and the service's module.
 */
final class ContextFactory {
  private static final String MODULE_MIME = "application/javascript+module";
  /** Prelude and glue sources are built once per process, so every context shares their parsed code. */
  private static final List<Source> PRELUDE = loadPrelude();
  private static final Source GLUE = Source.newBuilder("js",
      new String(ModuleFileSystem.resource("runtime/runtime.js"), StandardCharsets.UTF_8), "cairn:runtime.js").buildLiteral();
  /** Capability bindings and the message handler: glue of its own, registered on the runtime glue's hooks. */
  private static final Source CAPABILITIES = Source.newBuilder("js",
      new String(ModuleFileSystem.resource("runtime/capabilities.js"), StandardCharsets.UTF_8), "cairn:capabilities.js").buildLiteral();

  private ContextFactory() {}

  record Loaded(Context context, Value glue, Value handler, Value env, Value exports) {}

  static Loaded load(ContextOwner service, JsWorker worker) {
    Context ctx = Sandbox.builder(service.engine().engine())
        .allowIO(IOAccess.newBuilder().fileSystem(new ModuleFileSystem(service.appDir())).build())
        .build();
    try {
      HostBridge bridge = new HostBridge(worker, service);
      Value internal = ctx.eval("js", "({})");
      Value host = ctx.asValue(bridge.host());
      for (Source s : PRELUDE) ctx.eval(s).execute(host, internal);
      Value rt = ctx.asValue(bridge.rt());
      Value glue = ctx.eval(GLUE).execute(host, internal, rt);
      ctx.eval(CAPABILITIES).execute(host, internal, rt, glue);
      Value exports = loadModule(ctx, service);
      Value handler = service.entrypoint(exports);
      if (handler == null || handler.isNull()) {
        throw JsException.handlerMissing("module " + service.module() + " " + service.missingEntrypoint());
      }
      Value env = glue.invokeMember("makeEnv", bindingsJson(service.bindings()), JsonWriter.write(service.vars()));
      return new Loaded(ctx, glue, handler, env, exports);
    } catch (RuntimeException e) {
      ctx.close(true);
      throw e;
    }
  }

  private static Value loadModule(Context ctx, ContextOwner service) {
    String module = service.module();
    java.io.File file = service.appDir().resolve(module).toFile();
    Source source;
    try {
      source = Source.newBuilder("js", file).mimeType(MODULE_MIME).build();
    } catch (IOException e) {
      throw JsException.moduleNotFound(module, e.toString());
    }
    try {
      return ctx.eval(source);
    } catch (PolyglotException e) {
      String where = e.getSourceLocation() == null ? "" : " (" + e.getSourceLocation().getSource().getName()
          + ":" + e.getSourceLocation().getStartLine() + ")";
      throw JsException.moduleFailed(module, e.getMessage() + where, stack(e));
    }
  }

  /** {"NAME": "kind:target"} for the glue's makeEnv. */
  private static String bindingsJson(Map<String, BindingSpec> bindings) {
    Map<String, Object> out = new LinkedHashMap<>();
    bindings.forEach((name, b) -> out.put(name, switch (b) {
      case BindingSpec.Service s -> "service:" + s.service();
      case BindingSpec.Entity e -> "entity:" + e.entity();
      case BindingSpec.Workflow w -> "workflow:" + w.workflow();
      case BindingSpec.Capability c -> c.contract() + ":" + c.capability();
    }));
    return JsonWriter.write(out);
  }

  static String stack(PolyglotException e) {
    StringBuilder b = new StringBuilder();
    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
      if (f.isGuestFrame()) b.append("    at ").append(f).append('\n');
    }
    return b.toString();
  }

  private static List<Source> loadPrelude() {
    List<Source> sources = new ArrayList<>();
    var in = ContextFactory.class.getResourceAsStream("prelude/index.txt");
    if (in == null) throw new IllegalStateException("missing resource dev/cairn/js/prelude/index.txt");
    try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        String text = new String(ModuleFileSystem.resource("prelude/" + line), StandardCharsets.UTF_8);
        sources.add(Source.newBuilder("js", text, "cairn:" + line).buildLiteral());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the prelude index", e);
    }
    return List.copyOf(sources);
  }
}
