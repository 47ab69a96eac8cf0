package dev.cairn.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A bare HTTP/1.1 connection for tests that must see a body as it arrives, or send one piece by
 * piece: what a real client library would hide (buffering, chunk framing) is visible here.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;

  /** {@code receiveBufferBytes} 0 leaves the system default; a small one makes this a slow client. */
  RawHttp(int port, int receiveBufferBytes, int readTimeoutMs) {
    try {
      socket = new Socket();
      if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
      socket.setSoTimeout(readTimeoutMs);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(String text) {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one chunk of a chunked request body. */
  void sendChunk(byte[] data) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    b.writeBytes(data);
    b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    send(b.toByteArray());
  }

  /** The status line and headers (lowercased names), up to the blank line. */
  String readHead() throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line; !(line = readLine()).isEmpty(); ) head.append(line).append('\n');
    String text = head.toString();
    int colon = text.indexOf('\n');
    return text.substring(0, colon + 1) + text.substring(colon + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The next chunk of a chunked body; empty for the last chunk. EOFException when the connection ends
   * first. A chunk is returned as soon as its data is in: Jetty sends the CRLF that closes a chunk
   * together with the next one, so that CRLF is read at the next call.
   */
  byte[] readChunk() throws IOException {
    if (chunkOpen && !readLine().isEmpty()) throw new IOException("chunk not followed by CRLF");
    chunkOpen = false;
    String size = readLine();
    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
    byte[] data = in.readNBytes(n);
    if (data.length < n) throw new EOFException("connection closed inside a chunk");
    if (n == 0) {
      readLine(); // the blank line after the last chunk
      return data;
    }
    chunkOpen = true;
    return data;
  }

  private boolean chunkOpen;

  /** A body of known length. */
  byte[] readBody(int length) throws IOException {
    byte[] data = in.readNBytes(length);
    if (data.length < length) throw new EOFException("connection closed inside the body");
    return data;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new EOFException("connection closed; line so far: " + line.toString(StandardCharsets.ISO_8859_1));
      if (c != '\r') line.write(c);
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test connection: nothing to do
    }
  }
}
