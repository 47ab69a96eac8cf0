package dev.cairn.providers.kv;

import dev.cairn.core.capability.CapabilityException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** List cursors: the last key of a page, base64url, so a cursor is opaque but needs no server state. */
public final class KvCursors {
  private KvCursors() {}

  public static String after(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The key a cursor continues after; "" for the first page. */
  public static String key(String capability, String cursor) {
    if (cursor.isEmpty()) return "";
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw CapabilityException.invalidArgument(capability, "list cursor \"" + cursor + "\" is not one this store returned");
    }
  }

  /** A value as a counter: ASCII decimal digits with an optional minus sign. */
  public static long counter(String capability, String key, byte[] value) {
    String text = new String(value, StandardCharsets.US_ASCII);
    if (!text.matches("-?[0-9]{1,19}")) {
      throw CapabilityException.invalidArgument(capability, "increment: the value of \"" + key + "\" is not a decimal integer");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw CapabilityException.invalidArgument(capability, "increment: the value of \"" + key + "\" does not fit in 64 bits");
    }
  }

  public static long add(String capability, String key, long current, long delta) {
    try {
      return Math.addExact(current, delta);
    } catch (ArithmeticException e) {
      throw CapabilityException.invalidArgument(capability, "increment: " + current + " + " + delta + " overflows 64 bits (key \"" + key + "\")");
    }
  }
}
