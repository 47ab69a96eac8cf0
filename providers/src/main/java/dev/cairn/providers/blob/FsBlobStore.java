package dev.cairn.providers.blob;

import dev.cairn.core.capability.BlobInfo;
import dev.cairn.core.capability.BlobLimits;
import dev.cairn.core.capability.BlobStore;
import dev.cairn.core.capability.KvListQuery;
import dev.cairn.providers.Blocking;
import dev.cairn.providers.ProviderContext;
import dev.cairn.providers.kv.KvCursors;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code blob} provider {@code fs}, the default: one file per object under {@code path} (default
 * {@code <dataDir>/blobs-<capability>}; a relative path is inside the data folder, so {@code cairn
 * dev} does not take blob writes for code changes), named by {@link BlobPaths}. A file is a small header (format
 * version, size, etag, upload time, content type, custom metadata) and the body. A put writes a
 * temporary file, fsyncs it and renames it over the old one, so a reader sees the old object or the
 * new, and a crash leaves one of them. Listing walks the folders in order: its cost grows with the
 * number of objects under the prefix.
 */
public final class FsBlobStore implements BlobStore {
  static final Set<String> SETTINGS = Set.of("path", "bodyBytesMax");
  static final long BODY_BYTES_HARD_MAX = Integer.MAX_VALUE - 1024;
  static final int FORMAT = 1;

  private final ProviderContext context;
  private final Path root;
  private final Path tmp;
  private final BlobLimits limits;
  private final AtomicLong tmpNames = new AtomicLong();

  private FsBlobStore(ProviderContext context, Path root, BlobLimits limits) throws IOException {
    this.context = context;
    this.root = root;
    this.tmp = root.resolve(".tmp");
    this.limits = limits;
    Files.createDirectories(tmp);
  }

  public static BlobStore open(ProviderContext context) {
    context.allowOnly(SETTINGS);
    long body = context.bytes("bodyBytesMax", BlobLimits.BODY_BYTES_MAX_DEFAULT, BODY_BYTES_HARD_MAX);
    Path root = Path.of(context.string("path", context.dataDir().resolve("blobs-" + context.capability()).toString()));
    if (!root.isAbsolute()) root = context.dataDir().resolve(root);
    try {
      return new FsBlobStore(context, root.toAbsolutePath().normalize(), BlobLimits.DEFAULTS.withBodyBytesMax(body));
    } catch (IOException e) {
      throw context.unavailable("cannot create " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public BlobLimits limits() {
    return limits;
  }

  @Override
  public CompletableFuture<BlobInfo> put(String key, byte[] body, String contentType, Map<String, String> customMetadata) {
    return Blocking.supply(context, () -> {
      BlobInfo info = new BlobInfo(key, body.length, sha256(body), context.clock().nowMs(), contentType, customMetadata);
      Path target = BlobPaths.file(root, key);
      Files.createDirectories(target.getParent());
      Path temp = tmp.resolve(tmpNames.incrementAndGet() + "-" + ProcessHandle.current().pid() + ".part");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(header(info)));
        ch.write(java.nio.ByteBuffer.wrap(body));
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return info;
    });
  }

  @Override
  public CompletableFuture<Optional<BlobObject>> get(String key) {
    return Blocking.supply(context, () -> {
      try (InputStream in = Files.newInputStream(BlobPaths.file(root, key))) {
        DataInputStream data = new DataInputStream(in);
        BlobInfo info = readHeader(key, data);
        return Optional.of(new BlobObject(info, data.readNBytes((int) info.size())));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public CompletableFuture<Optional<BlobInfo>> head(String key) {
    return Blocking.supply(context, () -> readInfo(BlobPaths.file(root, key), key));
  }

  private static Optional<BlobInfo> readInfo(Path file, String key) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(readHeader(key, new DataInputStream(in)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public CompletableFuture<Void> delete(List<String> keys) {
    return Blocking.supply(context, () -> {
      for (String k : keys) Files.deleteIfExists(BlobPaths.file(root, k));
      return null;
    });
  }

  @Override
  public CompletableFuture<BlobPage> list(KvListQuery q) {
    String afterHex = q.cursor().isEmpty() ? "" : BlobPaths.hex(KvCursors.key(context.capability(), q.cursor()));
    String prefixHex = BlobPaths.hex(q.prefix());
    return Blocking.supply(context, () -> {
      List<BlobInfo> out = new ArrayList<>();
      boolean more = walk(root, "", prefixHex, afterHex, q.limit(), out);
      return new BlobPage(out, !more, more ? KvCursors.after(out.getLast().key()) : "");
    });
  }

  /** Visits {@code dir} in name order; true as soon as one object beyond {@code limit} is seen. */
  private boolean walk(Path dir, String hexSoFar, String prefixHex, String afterHex, int limit, List<BlobInfo> out) throws IOException {
    List<Path> children;
    try (var s = Files.list(dir)) {
      children = s.filter(p -> !p.equals(tmp)).sorted().toList();
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (name.endsWith(BlobPaths.DIR_SUFFIX)) {
        String hex = hexSoFar + name.substring(0, name.length() - 1);
        if (!(hex.startsWith(prefixHex) || prefixHex.startsWith(hex))) continue;
        if (walk(child, hex, prefixHex, afterHex, limit, out)) return true;
      } else if (name.endsWith(BlobPaths.FILE_SUFFIX)) {
        String hex = hexSoFar + name.substring(0, name.length() - BlobPaths.FILE_SUFFIX.length());
        if (!hex.startsWith(prefixHex) || hex.compareTo(afterHex) <= 0) continue;
        if (out.size() == limit) return true;
        readInfo(child, BlobPaths.key(hex)).ifPresent(out::add);
      }
    }
    return false;
  }

  private static byte[] header(BlobInfo info) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(FORMAT);
    out.writeLong(info.size());
    out.writeUTF(info.etag());
    out.writeLong(info.uploadedMs());
    out.writeUTF(info.contentType());
    out.writeInt(info.customMetadata().size());
    for (var e : info.customMetadata().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    return bytes.toByteArray();
  }

  private static BlobInfo readHeader(String key, DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) throw new IOException("object " + key + " has format " + format + ", this Cairn reads " + FORMAT);
    long size = in.readLong();
    String etag = in.readUTF();
    long uploaded = in.readLong();
    String contentType = in.readUTF();
    int n = in.readInt();
    if (n < 0 || n > 10_000) throw new IOException("object " + key + " has a corrupt header");
    Map<String, String> meta = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) meta.put(in.readUTF(), in.readUTF());
    return new BlobInfo(key, size, etag, uploaded, contentType, meta);
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public CompletableFuture<Void> health() {
    return Blocking.supply(context, () -> {
      if (!Files.isDirectory(root) || !Files.isWritable(root)) throw context.unavailable(root + " is not a writable folder", null);
      return null;
    });
  }

  @Override
  public void close() {
    // files need no closing
  }
}
