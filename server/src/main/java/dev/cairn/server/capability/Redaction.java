package dev.cairn.server.capability;

import java.util.LinkedHashMap;
import java.util.Map;

/** Settings as they may be shown: a password in a URL ({@code amqp://guest:secret@host}) becomes {@code ***}. */
final class Redaction {
  private Redaction() {}

  static Map<String, String> config(Map<String, String> config) {
    Map<String, String> out = new LinkedHashMap<>();
    config.forEach((k, v) -> out.put(k, k.toLowerCase(java.util.Locale.ROOT).contains("password") ? "***"
        : v.replaceAll("(://[^:/@]+:)[^@/]*@", "$1***@")));
    return out;
  }
}
