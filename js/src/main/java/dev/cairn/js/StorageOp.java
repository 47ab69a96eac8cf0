package dev.cairn.js;

import dev.cairn.core.Json;
import dev.cairn.core.entity.ListOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One call of an entity's {@code ctx.storage}, as the Host performs and journals it. Values are the
 * structured-clone text of the JS value ({@code internal.serialize}: "J" + JSON or "T" + a tagged
 * tree), which is also how they are stored (see docs/apps.md, storage encoding v1). {@link #args()}
 * is the journal's argument JSON: keys in a fixed order, so equal calls are equal bytes.
 */
public sealed interface StorageOp {
  /** The journal op: {@code storage.get}, {@code storage.put}, ... */
  String op();

  /** Arguments as the journal keeps them. */
  byte[] args();

  /** True for the calls that change the entity (answered at once, never waiting on storage). */
  default boolean writes() {
    return false;
  }

  /** {@code get(key)} ({@code multi} false) or {@code get([keys])}. */
  record Get(List<String> keys, boolean multi) implements StorageOp {
    public Get { keys = List.copyOf(keys); }
    public String op() { return "storage.get"; }
    public byte[] args() { return keysJson(keys, multi); }
  }

  /** {@code put(key, value)} or {@code put({k: v, ...})}: keys and values, in call order. */
  record Put(List<String> keys, List<String> values) implements StorageOp {
    public Put {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
      if (keys.size() != values.size()) throw new IllegalArgumentException("put: " + keys.size() + " keys, " + values.size() + " values");
    }
    public String op() { return "storage.put"; }
    public boolean writes() { return true; }
    public byte[] args() {
      StringBuilder b = new StringBuilder("{\"entries\":[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) b.append(',');
        b.append('[').append(Json.quote(keys.get(i))).append(',').append(Json.quote(values.get(i))).append(']');
      }
      return utf8(b.append("]}"));
    }
  }

  /** {@code delete(key)} (answers a boolean) or {@code delete([keys])} (answers a count). */
  record Delete(List<String> keys, boolean multi) implements StorageOp {
    public Delete { keys = List.copyOf(keys); }
    public String op() { return "storage.delete"; }
    public boolean writes() { return true; }
    public byte[] args() { return keysJson(keys, multi); }
  }

  record ListKeys(ListOptions options) implements StorageOp {
    public String op() { return "storage.list"; }
    public byte[] args() {
      StringBuilder b = new StringBuilder("{");
      options.prefix().ifPresent(p -> b.append("\"prefix\":").append(Json.quote(p)).append(','));
      options.start().ifPresent(p -> b.append("\"start\":").append(Json.quote(p)).append(','));
      options.end().ifPresent(p -> b.append("\"end\":").append(Json.quote(p)).append(','));
      if (options.limit() != Integer.MAX_VALUE) b.append("\"limit\":").append(options.limit()).append(',');
      if (options.reverse()) b.append("\"reverse\":true,");
      if (b.length() > 1) b.setLength(b.length() - 1);
      return utf8(b.append('}'));
    }
  }

  record DeleteAll() implements StorageOp {
    public String op() { return "storage.deleteAll"; }
    public boolean writes() { return true; }
    public byte[] args() { return JournalJson.EMPTY_OBJECT; }
  }

  record GetAlarm() implements StorageOp {
    public String op() { return "storage.getAlarm"; }
    public byte[] args() { return JournalJson.EMPTY_OBJECT; }
  }

  /** {@code setAlarm(ms)}; {@code deleteAlarm()} is {@code SetAlarm(null)}. */
  record SetAlarm(Long timeMs) implements StorageOp {
    public String op() { return timeMs == null ? "storage.deleteAlarm" : "storage.setAlarm"; }
    public boolean writes() { return true; }
    public byte[] args() { return timeMs == null ? JournalJson.EMPTY_OBJECT : utf8(new StringBuilder("{\"timeMs\":").append(timeMs).append('}')); }
  }

  /** {@code transaction(fn)}'s edges: {@code begin}, {@code commit}, {@code rollback}. */
  record Transaction(String action) implements StorageOp {
    public String op() { return "storage.transaction"; }
    public boolean writes() { return true; }
    public byte[] args() { return utf8(new StringBuilder("{\"action\":").append(Json.quote(action)).append('}')); }
  }

  /** {@code sync()}: resolves once every write made so far is durable. */
  record Sync() implements StorageOp {
    public String op() { return "storage.sync"; }
    public byte[] args() { return JournalJson.EMPTY_OBJECT; }
  }

  private static byte[] keysJson(List<String> keys, boolean multi) {
    if (!multi) return utf8(new StringBuilder("{\"key\":").append(Json.quote(keys.getFirst())).append('}'));
    StringBuilder b = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) b.append(',');
      b.append(Json.quote(keys.get(i)));
    }
    return utf8(b.append("]}"));
  }

  private static byte[] utf8(StringBuilder b) {
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
