package dev.cairn.js;

/** A request's {@code redirect} option, as in the Fetch standard. */
public enum RedirectMode {
  /** Follow up to {@link #HOPS_MAX} redirects, each checked against the outbound allow-list. */
  FOLLOW,
  /** Hand the 3xx response to the handler as it is. */
  MANUAL,
  /** A redirect fails the fetch. */
  ERROR;

  /** Redirects one fetch follows at most, as browsers and workerd do. */
  public static final int HOPS_MAX = 20;

  /** {@code follow}, {@code manual} or {@code error} (the JS values); anything else is {@link #FOLLOW}. */
  public static RedirectMode of(String jsValue) {
    return switch (jsValue) {
      case "manual" -> MANUAL;
      case "error" -> ERROR;
      default -> FOLLOW;
    };
  }

  public String jsValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
