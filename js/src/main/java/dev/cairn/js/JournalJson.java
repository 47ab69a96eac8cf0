package dev.cairn.js;

import dev.cairn.core.Json;
import dev.cairn.core.http.Header;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.http.ResponseData;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON that journal entries hold (docs/journal.md): request and response objects and the
 * arguments of each host op, written with keys in a fixed order and no whitespace, so equal values
 * are equal bytes — replay compares them byte for byte.
 */
public final class JournalJson {
  /** Bodies longer than this keep their first bytes and say how long they were. */
  public static final int BODY_BYTES_MAX = 64 * 1024;

  private JournalJson() {}

  public static byte[] request(RequestData r) {
    StringBuilder b = new StringBuilder(128 + Math.min(r.body().length, BODY_BYTES_MAX));
    b.append("{\"method\":").append(Json.quote(r.method())).append(",\"url\":").append(Json.quote(r.url()));
    headers(b, r.headers());
    body(b, r.body());
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The arguments of a global {@code fetch}: the request, plus its redirect mode when that is not
   * the default {@code follow} (so journals of default fetches stay as they were).
   */
  public static byte[] fetch(RequestData r, RedirectMode redirect) {
    if (redirect == RedirectMode.FOLLOW) return request(r);
    byte[] req = request(r);
    String text = new String(req, 0, req.length - 1, StandardCharsets.UTF_8);
    return (text + ",\"redirect\":\"" + redirect.jsValue() + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] response(ResponseData r) {
    return response(r.status(), r.headers(), r.body(), r.body().length);
  }

  /**
   * A response object from the body's first bytes and its full length: what is known of a streamed
   * body (equal to {@link #response(ResponseData)} of the whole response, byte for byte).
   */
  public static byte[] response(int status, List<Header> headers, byte[] first, long length) {
    StringBuilder b = new StringBuilder(64 + Math.min(first.length, BODY_BYTES_MAX));
    b.append("{\"status\":").append(status);
    headers(b, headers);
    bodyOf(b, first, length);
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The {@code Started} input of a request whose body was still arriving when the handler started:
   * no body, and {@code "bodyStreamed":true}; the chunks the handler read are {@code body.read} calls.
   */
  public static byte[] streamedRequest(RequestData head) {
    byte[] req = request(new RequestData(head.method(), head.url(), head.headers(), new byte[0]));
    return (new String(req, 0, req.length - 1, StandardCharsets.UTF_8) + ",\"bodyStreamed\":true}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The result of one {@code body.read}: the chunk as a body (text or base64), of which only the
   * first {@code keepMax} bytes are kept (then {@code "bodyTruncated":<chunk length>}); at the end
   * of the body {@code {"done":true}}.
   */
  public static byte[] bodyChunk(byte[] chunk, long keepMax) {
    if (chunk.length == 0) return DONE;
    StringBuilder b = new StringBuilder(32 + (int) Math.min(chunk.length, Math.max(0, keepMax)));
    b.append('{');
    body(b, chunk, (int) Math.min(chunk.length, Math.max(0, keepMax)), chunk.length);
    if (b.charAt(1) == ',') b.deleteCharAt(1);
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] DONE = "{\"done\":true}".getBytes(StandardCharsets.UTF_8);

  /** The arguments of one {@code body.write} of a streamed response: its length (the bytes are in {@code Completed}). */
  public static byte[] bodyWrite(int bytes) {
    return ("{\"bytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] serviceFetch(String service, RequestData r) {
    return ("{\"service\":" + Json.quote(service) + ",\"request\":" + new String(request(r), StandardCharsets.UTF_8) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] rpc(String service, String method, String encodedArgs) {
    return ("{\"service\":" + Json.quote(service) + ",\"method\":" + Json.quote(method) + ",\"args\":" + Json.quote(encodedArgs) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] rpcInput(String method, String encodedArgs) {
    return ("{\"method\":" + Json.quote(method) + ",\"args\":" + Json.quote(encodedArgs) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** The input of an entity event: {@code {"entity":id,"name":..,"<what>":<json>}} (name only when known). */
  public static byte[] entityInput(String id, String name, String what, byte[] json) {
    StringBuilder b = new StringBuilder("{\"entity\":").append(Json.quote(id));
    if (name != null) b.append(",\"name\":").append(Json.quote(name));
    b.append(",\"").append(what).append("\":").append(new String(json, StandardCharsets.UTF_8)).append('}');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The arguments of a call to an entity: {@code {"entity":class,"id":id,"request"|"call":..}}. */
  public static byte[] entityCall(String namespace, String id, String what, byte[] json) {
    return ("{\"entity\":" + Json.quote(namespace) + ",\"id\":" + Json.quote(id) + ",\"" + what + "\":"
        + new String(json, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** The arguments of {@code env.WF.create}: {@code {"workflow":..,"id":..|null,"params":..}}. */
  public static byte[] workflowCreate(String workflow, String id, String encodedParams) {
    return ("{\"workflow\":" + Json.quote(workflow) + ",\"id\":" + (id == null ? "null" : Json.quote(id))
        + ",\"params\":" + Json.quote(encodedParams) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** The arguments of a call on a workflow instance: {@code {"workflow":..,"id":..,"arg":<json>}}. */
  public static byte[] workflowControl(String workflow, String id, String argJson) {
    return ("{\"workflow\":" + Json.quote(workflow) + ",\"id\":" + Json.quote(id) + ",\"arg\":" + argJson + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] value(String encoded) {
    return ("{\"value\":" + Json.quote(encoded) + "}").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] scheduled(String cron, long scheduledTimeMs) {
    return ("{\"cron\":" + Json.quote(cron) + ",\"scheduledTime\":" + scheduledTimeMs + "}").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] timer(long delayMs) {
    return ("{\"delayMs\":" + delayMs + "}").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] log(String level, String text) {
    return ("{\"level\":" + Json.quote(level) + ",\"text\":" + Json.quote(text) + "}").getBytes(StandardCharsets.UTF_8);
  }

  public static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  /**
   * A JSON object with a body's fields appended ({@code body}, or {@code bodyBase64}, and {@code
   * bodyTruncated} past {@link #BODY_BYTES_MAX}), as request and response objects carry them; a null
   * body adds nothing. Capability calls journal their values this way.
   */
  public static byte[] withBody(byte[] objectJson, byte[] body) {
    return withBody(objectJson, body, BODY_BYTES_MAX);
  }

  /** As {@link #withBody(byte[], byte[])}, keeping up to {@code bodyBytesMax} bytes (the whole body for what handler code gets). */
  public static byte[] withBody(byte[] objectJson, byte[] body, int bodyBytesMax) {
    if (body == null) return objectJson;
    // The object without its closing brace, then the body fields (each starts with a comma).
    StringBuilder b = new StringBuilder(objectJson.length + Math.min(body.length, bodyBytesMax) + 40);
    b.append(new String(objectJson, 0, objectJson.length - 1, StandardCharsets.UTF_8));
    int fieldsAt = b.length();
    bodyUpTo(b, body, bodyBytesMax);
    if (b.length() == fieldsAt) b.append(",\"body\":\"\"");
    if (fieldsAt == 1) b.deleteCharAt(1); // the object was {}: no comma before its first field
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void headers(StringBuilder b, List<Header> headers) {
    b.append(",\"headers\":[");
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      if (i > 0) b.append(',');
      b.append('[').append(Json.quote(h.name())).append(',').append(Json.quote(h.value())).append(']');
    }
    b.append(']');
  }

  private static void body(StringBuilder b, byte[] body) {
    bodyOf(b, body, body.length);
  }

  /** A body, keeping up to {@code bodyBytesMax} bytes of it. */
  private static void bodyUpTo(StringBuilder b, byte[] body, int bodyBytesMax) {
    body(b, body, Math.min(body.length, bodyBytesMax), body.length);
  }

  /** A body of {@code length} bytes of which {@code first} holds the beginning (all of it, or more than is kept). */
  private static void bodyOf(StringBuilder b, byte[] first, long length) {
    body(b, first, (int) Math.min(Math.min(first.length, length), BODY_BYTES_MAX), length);
  }

  /** {@code kept} bytes of {@code bytes} as text or base64, and the full length when that is more. */
  private static void body(StringBuilder b, byte[] bytes, int kept, long length) {
    if (length == 0) return;
    if (kept > 0) {
      String text = utf8(bytes, kept);
      if (text != null) b.append(",\"body\":").append(Json.quote(text));
      else b.append(",\"bodyBase64\":").append(Json.quote(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, kept))));
    }
    if (kept < length) b.append(",\"bodyTruncated\":").append(length);
  }

  /** The text of the first {@code length} bytes, or null when they are not valid UTF-8. */
  static String utf8(byte[] bytes, int length) {
    if (ascii(bytes, length)) return new String(bytes, 0, length, StandardCharsets.ISO_8859_1); // most values: no decoder
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean ascii(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) if (bytes[i] < 0) return false;
    return true;
  }
}
