package dev.cairn.server.ports.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin API's bearer token, kept in {@code <dataDir>/admin-token}: made on first start from 32
 * bytes of the operating system's secure randomness (hex), readable by its owner only (0600), and
 * the same on every later start so that scripts and {@code cairn --server} keep working.
 */
public final class AdminTokens {
  public static final String FILE_NAME = "admin-token";
  static final int TOKEN_BYTES = 32;

  private AdminTokens() {}

  /** The token in {@code dataDir}, made first if there is none. */
  public static String loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    Optional<String> existing = read(dataDir);
    if (existing.isPresent()) return existing.get();
    byte[] random = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    try {
      Files.createDirectories(dataDir);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
      return token;
    } catch (FileAlreadyExistsException raced) {
      return read(dataDir).orElseThrow(() -> new UncheckedIOException(new IOException(file + " is empty")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin token " + file, e);
    }
  }

  /** The token in {@code dataDir}, if it has one; never makes one (the CLI reads, the server makes). */
  public static Optional<String> read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin token " + file, e);
    }
  }
}
