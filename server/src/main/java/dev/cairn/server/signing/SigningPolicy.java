package dev.cairn.server.signing;

import java.nio.file.Path;
import java.util.List;

/**
 * Whether a node serves only signed modules ({@code cairn serve --require-signed --trust KEY}).
 *
 * @param required refuse unsigned, tampered, expired and untrusted modules, and bindings their claims do not list
 * @param trusted public key files ({@code .pub}) or folders of them whose signatures are trusted
 */
public record SigningPolicy(boolean required, List<Path> trusted) {
  public static final SigningPolicy NONE = new SigningPolicy(false, List.of());

  public SigningPolicy {
    trusted = List.copyOf(trusted);
  }
}
