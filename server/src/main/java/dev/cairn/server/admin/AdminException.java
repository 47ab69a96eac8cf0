package dev.cairn.server.admin;

import dev.cairn.core.CairnException;

/** Errors of the admin API, with stable codes; answered as {@code {"error":{"code":..,"message":..}}}. */
public final class AdminException extends CairnException {
  private AdminException(String code, int status, String message) {
    super(code, status, message);
  }

  public static AdminException unauthorized() {
    return new AdminException("admin_unauthorized", 401,
        "the admin API needs the header Authorization: Bearer <token>, the token in <dataDir>/admin-token");
  }

  /** {@code parameter} (a query parameter or a body field) is missing or not valid. */
  public static AdminException badRequest(String parameter, String why) {
    return new AdminException("admin_bad_request", 400, "parameter " + parameter + ": " + why);
  }

  public static AdminException invocationNotFound(String invocationId) {
    return new AdminException("invocation_not_found", 404,
        "no recorded invocation " + invocationId + " (list them with cairn invocations)");
  }

  public static AdminException notFound(String method, String path) {
    return new AdminException("admin_not_found", 404, "no admin endpoint " + method + " " + path
        + "; there are GET /__cairn/invocations, GET /__cairn/invocations/<id>,"
        + " POST /__cairn/invocations/<id>/replay, POST /__cairn/replay, GET /__cairn/links, PUT and DELETE /__cairn/links/<name>");
  }
}
