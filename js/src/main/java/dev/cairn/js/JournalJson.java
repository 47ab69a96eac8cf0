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
    StringBuilder b = new StringBuilder(64 + Math.min(r.body().length, BODY_BYTES_MAX));
    b.append("{\"status\":").append(r.status());
    headers(b, r.headers());
    body(b, r.body());
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
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
    String object = new String(objectJson, StandardCharsets.UTF_8);
    StringBuilder fields = new StringBuilder(Math.min(body.length, bodyBytesMax) + 32);
    body(fields, body, bodyBytesMax);
    if (fields.isEmpty()) fields.append(",\"body\":\"\"");
    String inner = object.substring(0, object.length() - 1);
    return (inner.equals("{") ? inner + fields.substring(1) : inner + fields).concat("}").getBytes(StandardCharsets.UTF_8);
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
    body(b, body, BODY_BYTES_MAX);
  }

  private static void body(StringBuilder b, byte[] body, int bodyBytesMax) {
    if (body.length == 0) return;
    int kept = Math.min(body.length, bodyBytesMax);
    String text = utf8(body, kept);
    if (text != null) b.append(",\"body\":").append(Json.quote(text));
    else b.append(",\"bodyBase64\":").append(Json.quote(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(body, kept))));
    if (kept < body.length) b.append(",\"bodyTruncated\":").append(body.length);
  }

  /** The text of the first {@code length} bytes, or null when they are not valid UTF-8. */
  static String utf8(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
