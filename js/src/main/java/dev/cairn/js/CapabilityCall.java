package dev.cairn.js;

import dev.cairn.core.Invariants;
import java.nio.charset.StandardCharsets;

/**
 * One capability call as handler code made it ({@code env.KV.get("a")}): the op ({@code kv.get}),
 * the binding's name, the call's arguments as a JSON object (built by the runtime glue with keys in
 * a fixed order) and an optional body (a value, a message, an object). Its journal form is
 * {@link #journalArgs()}: the binding, the arguments and the body fields of docs/journal.md.
 *
 * @param op {@code <contract>.<operation>}
 * @param binding the {@code env} name the call was made on
 * @param argsJson a JSON object's text
 * @param body the body's bytes, or null for a call without one
 */
public record CapabilityCall(String op, String binding, String argsJson, byte[] body) {
  private static final java.util.regex.Pattern OP = java.util.regex.Pattern.compile("[a-z]+\\.[a-zA-Z]+");

  public CapabilityCall {
    Invariants.check(OP.matcher(op).matches(), "capability op must be contract.operation: %s", op);
    Invariants.check(argsJson.startsWith("{") && argsJson.endsWith("}"), "capability arguments must be a JSON object: %s", argsJson);
  }

  /** The contract part of the op: {@code kv} for {@code kv.get}. */
  public String contract() {
    return op.substring(0, op.indexOf('.'));
  }

  /** {@code {"binding":"KV",<args>,<body fields>}}: what the journal records and replay compares. */
  public byte[] journalArgs() {
    String inner = argsJson.length() > 2 ? "," + argsJson.substring(1, argsJson.length() - 1) : "";
    String head = "{\"binding\":" + dev.cairn.core.Json.quote(binding) + inner + "}";
    return JournalJson.withBody(head.getBytes(StandardCharsets.UTF_8), body);
  }
}
