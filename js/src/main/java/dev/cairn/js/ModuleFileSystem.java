package dev.cairn.js;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What handler code sees as a file system: the app folder, read-only, and nothing outside it — only
 * ES module imports ever reach it (handlers have no file API). Also serves the built-in
 * {@code cloudflare:workers} module, and text modules ({@code .txt}, {@code .html}) as
 * {@code export default "<contents>"}, as Workers' text module rule does.
 */
final class ModuleFileSystem implements FileSystem {
  static final String CLOUDFLARE_WORKERS = "cloudflare:workers";
  private static final byte[] CLOUDFLARE_WORKERS_SOURCE = resource("runtime/cloudflare-workers.mjs");

  private final Path root;
  private final Path builtin;
  private final FileSystem disk = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());

  ModuleFileSystem(Path appDir) {
    this.root = appDir.toAbsolutePath().normalize();
    this.builtin = root.resolve("__cairn_builtin__").resolve("cloudflare-workers.mjs");
  }

  @Override
  public Path parsePath(URI uri) {
    if ("cloudflare".equals(uri.getScheme()) && CLOUDFLARE_WORKERS.equals(uri.toString())) return builtin;
    if ("file".equals(uri.getScheme())) return Paths.get(uri);
    throw new SecurityException("import of " + uri + " is not supported: only files inside the app folder and "
        + CLOUDFLARE_WORKERS + " can be imported");
  }

  @Override
  public Path parsePath(String path) {
    if (CLOUDFLARE_WORKERS.equals(path)) return builtin;
    return Paths.get(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
    if (isBuiltin(path)) return;
    if (modes.contains(AccessMode.WRITE)) throw new SecurityException("the app folder is read-only");
    disk.checkAccess(confined(path), modes, options);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    throw new SecurityException("the app folder is read-only");
  }

  @Override
  public void delete(Path path) {
    throw new SecurityException("the app folder is read-only");
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (isBuiltin(path)) return new ReadOnlyChannel(CLOUDFLARE_WORKERS_SOURCE);
    Path file = confined(path);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.endsWith(".txt") || name.endsWith(".html")) {
      String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
      return new ReadOnlyChannel(("export default " + jsString(text) + ";\n").getBytes(StandardCharsets.UTF_8));
    }
    return disk.newByteChannel(file, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
    throw new SecurityException("listing folders is not available to handler code");
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() ? path : root.resolve(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) throws IOException {
    if (isBuiltin(path)) return builtin;
    Path real = disk.toRealPath(confined(path), options);
    if (!real.startsWith(root)) throw new SecurityException(path + " resolves outside the app folder");
    return real;
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    if (isBuiltin(path)) throw new NoSuchFileException(path.toString());
    return disk.readAttributes(confined(path), attributes, options);
  }

  private boolean isBuiltin(Path path) {
    return path.equals(builtin);
  }

  private Path confined(Path path) {
    Path abs = toAbsolutePath(path).normalize();
    if (!abs.startsWith(root)) {
      throw new SecurityException("import of " + path + " is outside the app folder " + root);
    }
    return abs;
  }

  static String jsString(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  static byte[] resource(String name) {
    try (InputStream in = ModuleFileSystem.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource dev/cairn/js/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  /** A channel over bytes in memory. */
  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] bytes;
    private int position;

    ReadOnlyChannel(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= bytes.length) return -1;
      int n = Math.min(dst.remaining(), bytes.length - position);
      dst.put(bytes, position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, bytes.length);
      return this;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
