package dev.cairn.server.manifest;

import dev.cairn.core.manifest.ManifestException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a manifest together with its field path ({@code services.api.routes[1]}): typed reads
 * that either return a plain Java value or throw a {@link ManifestException} naming the file, the
 * node's line and the path, and saying what was expected and what was found.
 *
 * <p>Every field handed out is recorded in the {@link ManifestSource}'s line map, so the loaded
 * manifest can point back at any field later.
 */
final class YamlField {
  /** How deeply {@code vars} values may nest; also stops self-referencing aliases ({@code &a [*a]}). */
  static final int VALUE_DEPTH_MAX = 32;

  private final ManifestSource source;
  private final String path;
  private final Node node;
  private final int keyLine;

  /** A field that is not the value of a key: the document itself, or a list item. */
  YamlField(ManifestSource source, String path, Node node) {
    this(source, path, node, lineOf(node));
  }

  private YamlField(ManifestSource source, String path, Node node, int keyLine) {
    this.source = source;
    this.path = path;
    this.node = node;
    this.keyLine = keyLine;
    source.record(path, keyLine);
  }

  private static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  ManifestSource source() {
    return source;
  }

  /** The field path, {@code ""} for the whole document. */
  String path() {
    return path;
  }

  /** The 1-based line the value starts on. */
  int line() {
    return lineOf(node);
  }

  /**
   * The line of the key this field is the value of ({@code services:} rather than the first service
   * under it); for list items and the document, the value's own line.
   */
  int keyLine() {
    return keyLine;
  }

  /** The path to show in messages: the document itself has none, so it gets a name. */
  String label() {
    return path.isEmpty() ? "(manifest)" : path;
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean isNull() {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  ManifestException invalid(String message) {
    return ManifestException.invalid(source.file(), line(), label(), message);
  }

  /** An error about this field's key (its name) rather than its value: reported at the key's line. */
  ManifestException invalidKey(String message) {
    return ManifestException.invalid(source.file(), keyLine, label(), message);
  }

  ManifestException unresolved(String message) {
    return ManifestException.unresolved(source.file(), line(), label(), message);
  }

  /** "expected {what}, found a list": the type error every read below reports. */
  ManifestException expected(String what) {
    return invalid("expected " + what + ", found " + found(node));
  }

  /** What the node is, for messages: {@code a map}, {@code a list}, {@code null}, {@code an integer (3)}. */
  static String found(Node node) {
    return switch (node) {
      case MappingNode ignored -> "a map";
      case SequenceNode ignored -> "a list";
      case ScalarNode scalar -> describe(scalar);
      default -> "a " + node.getNodeId();
    };
  }

  private static String describe(ScalarNode scalar) {
    var tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) return "null";
    if (tag.equals(Tag.INT)) return "an integer (" + scalar.getValue() + ")";
    if (tag.equals(Tag.FLOAT)) return "a number (" + scalar.getValue() + ")";
    if (tag.equals(Tag.BOOL)) return "a boolean (" + scalar.getValue() + ")";
    return "a string (\"" + scalar.getValue() + "\")";
  }

  /**
   * The entries of a map, in declaration order, refusing duplicate keys and keys outside {@code
   * known} (typos are errors, never ignored).
   */
  YamlMapping mapping(String what, Collection<String> known) {
    var mapping = mapping(what);
    mapping.entries().forEach((key, value) -> {
      if (!known.contains(key)) {
        throw ManifestException.unknownKey(source.file(), value.keyLine, value.label(), String.join(", ", known));
      }
    });
    return mapping;
  }

  /** The entries of a map with any keys, in declaration order, refusing duplicate keys. */
  YamlMapping mapping(String what) {
    if (!(node instanceof MappingNode map)) throw expected(what);
    var entries = new LinkedHashMap<String, YamlField>();
    for (var tuple : map.getValue()) {
      var keyNode = tuple.getKeyNode();
      var keyLine = lineOf(keyNode);
      if (!(keyNode instanceof ScalarNode scalarKey) || scalarKey.getTag().equals(Tag.NULL)) {
        throw ManifestException.invalid(source.file(), keyLine, label(), "expected a key name, found " + found(keyNode));
      }
      var key = scalarKey.getValue();
      var earlier = entries.get(key);
      if (earlier != null) {
        throw ManifestException.invalid(source.file(), keyLine, childPath(key), "duplicate key; already set on line " + earlier.keyLine);
      }
      entries.put(key, new YamlField(source, childPath(key), tuple.getValueNode(), keyLine));
    }
    return new YamlMapping(this, entries);
  }

  /** The items of a list, each with its {@code [index]} path. */
  List<YamlField> list(String what) {
    if (!(node instanceof SequenceNode sequence)) throw expected(what);
    var items = new ArrayList<YamlField>();
    for (var item : sequence.getValue()) {
      items.add(new YamlField(source, path + "[" + items.size() + "]", item));
    }
    return items;
  }

  /** A list of non-empty strings. */
  List<String> strings() {
    var strings = new ArrayList<String>();
    for (var item : list("a list of strings")) {
      if (!(item.node instanceof ScalarNode) || item.isNull()) throw item.expected("a string");
      strings.add(item.string());
    }
    return List.copyOf(strings);
  }

  /**
   * The text of a scalar. Numbers and booleans are accepted as their source text ({@code port: 6379}
   * reads as {@code "6379"}); maps, lists, null and the empty string are not.
   */
  String string() {
    if (!(node instanceof ScalarNode scalar) || isNull()) throw expected("a string");
    var text = scalar.getValue();
    if (text.isBlank()) throw invalid("expected a non-empty string, found an empty one");
    return text;
  }

  /** A whole number, not quoted: {@code 50}, {@code 1_000}, {@code 0x10}. */
  long integer() {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) throw expected("an integer");
    return YamlScalars.toLong(scalar.getValue())
        .orElseThrow(() -> invalid("expected an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ", found " + scalar.getValue()));
  }

  /** True when the node is an unquoted integer (and not, say, the string {@code "10MB"}). */
  boolean isInteger() {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT);
  }

  /**
   * Any YAML value as plain immutable Java: {@code String}, {@code Long}, {@code Double}, {@code
   * Boolean}, {@code List} and {@code Map} (keeping order). Null has no place on {@code env}, so it is
   * refused.
   */
  Object plainValue() {
    return plainValue(0);
  }

  private Object plainValue(int depth) {
    if (depth > VALUE_DEPTH_MAX) throw invalid("values may nest at most " + VALUE_DEPTH_MAX + " levels deep");
    return switch (node) {
      case MappingNode ignored -> {
        var map = new LinkedHashMap<String, Object>();
        mapping("a map").entries().forEach((key, value) -> map.put(key, value.plainValue(depth + 1)));
        yield Collections.unmodifiableMap(map);
      }
      case SequenceNode ignored -> list("a list").stream().map(item -> item.plainValue(depth + 1)).toList();
      case ScalarNode scalar -> YamlScalars.toPlain(scalar).orElseThrow(() -> expected("a string, number, boolean, list or map"));
      default -> throw expected("a string, number, boolean, list or map");
    };
  }
}
