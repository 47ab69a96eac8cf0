package dev.cairn.core.capability;

/**
 * NATS-style subjects and patterns, checked the same way for every provider: non-empty tokens of
 * printable characters other than {@code .}, {@code *} and {@code >}, separated by single dots;
 * patterns may use {@code *} for one token and {@code >} as the last. (Reply addresses that brokers
 * make up, like RabbitMQ's {@code amq.rabbitmq.reply-to.g1h2AA==}, are subjects too.)
 */
public final class Subjects {
  private Subjects() {}

  public static void checkSubject(String capability, String subject, int bytesMax) {
    check(capability, "subject", subject, bytesMax, false);
  }

  public static void checkPattern(String capability, String pattern, int bytesMax) {
    check(capability, "subject pattern", pattern, bytesMax, true);
  }

  private static void check(String capability, String what, String s, int bytesMax, boolean pattern) {
    if (s.isEmpty()) throw CapabilityException.keyInvalid(capability, what, "must not be empty");
    if (KvLimits.utf8Length(s) > bytesMax) {
      throw CapabilityException.keyInvalid(capability, what, "\"" + s + "\" is over subjectBytesMax = " + bytesMax);
    }
    String[] tokens = s.split("\\.", -1);
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      boolean wildcard = pattern && (t.equals("*") || (t.equals(">") && i == tokens.length - 1));
      if (!wildcard && !t.matches("[\\x21-\\x7E&&[^.*>]]+")) {
        throw CapabilityException.keyInvalid(capability, what, "\"" + s + "\": token " + (i + 1) + " \"" + t
            + "\" must be printable ASCII without spaces, * or >" + (pattern ? " (or * for one token, > as the last)" : ""));
      }
    }
  }

  /** True when {@code subject} matches {@code pattern}. */
  public static boolean matches(String pattern, String subject) {
    String[] p = pattern.split("\\.", -1);
    String[] s = subject.split("\\.", -1);
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals(">")) return s.length > i;
      if (i >= s.length) return false;
      if (!p[i].equals("*") && !p[i].equals(s[i])) return false;
    }
    return p.length == s.length;
  }
}
