package dev.cairn.providers.blob;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where a key lives on disk: the hex of its UTF-8 bytes, cut into folders of {@link #CHUNK} digits
 * (file names stay far below 255 bytes whatever the key), folders ending in {@code ~} and files in
 * {@code .blob}. Hex keeps byte order, and {@code .} &lt; digits &lt; {@code ~}, so walking every folder
 * in name order visits keys in UTF-8 byte order — the order {@code list} promises.
 */
final class BlobPaths {
  static final int CHUNK = 200;
  static final String FILE_SUFFIX = ".blob";
  static final String DIR_SUFFIX = "~";

  private BlobPaths() {}

  static String hex(String key) {
    return HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
  }

  static String key(String hex) {
    return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
  }

  static Path file(Path root, String key) {
    String hex = hex(key);
    Path p = root;
    int i = 0;
    for (; hex.length() - i > CHUNK; i += CHUNK) p = p.resolve(hex.substring(i, i + CHUNK) + DIR_SUFFIX);
    return p.resolve(hex.substring(i) + FILE_SUFFIX);
  }
}
