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
 * @param kv for {@code kv.get}, {@code kv.put} and {@code kv.delete} made by {@link #kv}: the same
 *     arguments as {@code argsJson} holds, typed, so that the host need not parse them; else null
 */
public record CapabilityCall(String op, String binding, String argsJson, byte[] body, KvArgs kv) {
  public CapabilityCall {
    Invariants.check(isOp(op), "capability op must be contract.operation: %s", op);
    Invariants.check(argsJson.startsWith("{") && argsJson.endsWith("}"), "capability arguments must be a JSON object: %s", argsJson);
    Invariants.check(kv == null || isKeyOp(op), "typed kv arguments are for kv.get, kv.put and kv.delete, not %s", op);
  }

  /** A call whose arguments are only its JSON (every op may be made so). */
  public CapabilityCall(String op, String binding, String argsJson, byte[] body) {
    this(op, binding, argsJson, body, null);
  }

  /**
   * The arguments of the hottest calls as the glue hands them over, without JSON (a stringify in JS
   * and a parse in Java were a visible part of each call's cost).
   *
   * @param key the key
   * @param expiresAtMs kv.put's expiry, 0 for none; unused by get and delete
   * @param metadata kv.put's metadata as JSON text, "" for none; null for get and delete
   */
  public record KvArgs(String key, long expiresAtMs, String metadata) {
    public KvArgs {
      Invariants.check(key != null, "a kv call's key must not be null");
    }
  }

  /**
   * {@code kv.get}, {@code kv.put} or {@code kv.delete} from typed arguments. {@code argsJson} is
   * written here byte for byte as the glue's {@code JSON.stringify} writes the same call's, so a
   * journal says the same whichever way the call was made, and replays either way.
   */
  public static CapabilityCall kv(String op, String binding, KvArgs args, byte[] body) {
    boolean put = op.equals("kv.put"); // an op that is not get, put or delete is refused by the constructor
    Invariants.check(put == (args.metadata() != null), "kv.put, and only it, carries metadata: %s", op);
    String json = "{\"key\":" + JsStrings.stringify(args.key())
        + (put ? ",\"expiresAtMs\":" + args.expiresAtMs() + ",\"metadata\":" + JsStrings.stringify(args.metadata()) : "") + "}";
    return new CapabilityCall(op, binding, json, body, args);
  }

  private static boolean isKeyOp(String op) {
    return op.equals("kv.get") || op.equals("kv.put") || op.equals("kv.delete");
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
