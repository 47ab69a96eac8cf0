package dev.cairn.server.manifest;

import java.util.regex.Pattern;

/**
 * The shapes names in a manifest must have, each with the reason it is that strict, and one place
 * that checks a name against its shape.
 */
enum Names {
  /** Appears in URLs, log lines and storage keys: lowercase and dashes only. */
  APP("[a-z0-9][a-z0-9-]*", "a lowercase letter or digit, then lowercase letters, digits and '-'"),
  /** The host of {@code fetch("http://<service>/...")}: a lowercase DNS label starting with a letter. */
  SERVICE("[a-z][a-z0-9-]*", "a lowercase letter, then lowercase letters, digits and '-'"),
  /** A property of {@code env} and an exported class: a JavaScript identifier. */
  IDENTIFIER("[A-Za-z_$][A-Za-z0-9_$]*", "a JavaScript identifier (letters, digits, '_' and '$', not starting with a digit)"),
  /** An entity, workflow or capability: referred to from bindings and admin URLs. */
  COMPONENT("[A-Za-z][A-Za-z0-9_-]*", "a letter, then letters, digits, '_' and '-'");

  /** Every name is at most one DNS label long, so any of them can become a host name or a key. */
  static final int NAME_CHARS_MAX = 63;

  private final Pattern pattern;
  private final String description;

  Names(String regex, String description) {
    this.pattern = Pattern.compile(regex);
    this.description = description;
  }

  /** The name, or an error at the line of {@code field}'s key saying what a name of this kind looks like. */
  String check(YamlField field, String name) {
    if (!pattern.matcher(name).matches() || name.length() > NAME_CHARS_MAX) {
      throw field.invalidKey("expected " + description + ", at most " + NAME_CHARS_MAX + " characters; found \"" + name + "\"");
    }
    return name;
  }
}
