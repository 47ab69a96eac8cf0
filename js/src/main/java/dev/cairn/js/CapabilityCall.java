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
  public CapabilityCall {
    Invariants.check(isOp(op), "capability op must be contract.operation: %s", op);
    Invariants.check(argsJson.startsWith("{") && argsJson.endsWith("}"), "capability arguments must be a JSON object: %s", argsJson);
  }

  /** {@code [a-z]+\.[a-zA-Z]+}, checked by hand: a regex match was a visible part of every call's cost. */
  static boolean isOp(String op) {
    int dot = op.indexOf('.');
    if (dot <= 0 || dot == op.length() - 1) return false;
    for (int i = 0; i < op.length(); i++) {
      char c = op.charAt(i);
      boolean ok = i < dot ? c >= 'a' && c <= 'z' : i == dot || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!ok) return false;
    }
    return true;
  }

  /** The contract part of the op: {@code kv} for {@code kv.get}. */
  public String contract() {
    return op.substring(0, op.indexOf('.'));
  }

  /** {@code {"binding":"KV",<args>,<body fields>}}: what the journal records and replay compares. */
  public byte[] journalArgs() {
    String head = "{\"binding\":" + dev.cairn.core.Json.quote(binding) + (argsJson.length() > 2 ? "," + argsJson.substring(1) : "}");
    return JournalJson.withBody(head.getBytes(StandardCharsets.UTF_8), body);
  }
}
