package dev.cairn.core.capability;

import dev.cairn.core.CairnException;
import java.util.Set;

/**
 * Errors of capability calls and links, with stable codes. Handler code sees them as a JS
 * {@code Error} with {@code code} and {@code retryable}: a retryable error says "the same call may
 * succeed later" (the provider is down, timed out, or being relinked), never "the input is wrong".
 */
public final class CapabilityException extends CairnException {
  /** Codes of errors worth retrying; the JS glue sets {@code retryable: true} for exactly these. */
  public static final Set<String> RETRYABLE =
      Set.of("capability_unavailable", "capability_timeout", "capability_no_responders", "capability_unlinked", "capability_overloaded");

  private CapabilityException(String code, int status, String message, Throwable cause) {
    super(code, status, message, cause);
  }

  public boolean retryable() {
    return RETRYABLE.contains(code());
  }

  /** The provider cannot be reached or failed to answer; the call may succeed later. */
  public static CapabilityException unavailable(String capability, String provider, String why, Throwable cause) {
    return new CapabilityException("capability_unavailable", 503,
        "capability " + capability + " (provider " + provider + ") is unavailable: " + why, cause);
  }

  /** A request (or another call with a deadline) got no answer in time. */
  public static CapabilityException timeout(String capability, String what, long timeoutMs) {
    return new CapabilityException("capability_timeout", 504,
        "capability " + capability + ": " + what + " got no answer within " + timeoutMs + " ms", null);
  }

  /** A request found nobody subscribed to its subject. */
  public static CapabilityException noResponders(String capability, String subject) {
    return new CapabilityException("capability_no_responders", 503,
        "capability " + capability + ": no subscriber answers requests on " + subject, null);
  }

  /** The binding's capability has no link (it was removed with {@code cairn link remove}). */
  public static CapabilityException unlinked(String capability) {
    return new CapabilityException("capability_unlinked", 503,
        "capability " + capability + " has no provider linked (cairn link set " + capability + " --provider ...)", null);
  }

  /** Too many calls are queued for the provider. */
  public static CapabilityException overloaded(String capability, String limit, long max) {
    return new CapabilityException("capability_overloaded", 503,
        "capability " + capability + ": more than " + limit + " = " + max + " waiting", null);
  }

  /** A value, body or metadata is over a named limit. */
  public static CapabilityException tooLarge(String capability, String what, long bytes, String limit, long max) {
    return new CapabilityException("capability_value_too_large", 413,
        "capability " + capability + ": " + what + " is " + bytes + " bytes, over " + limit + " = " + max, null);
  }

  /** A key or subject that the contract does not accept (empty, too long, bad characters). */
  public static CapabilityException keyInvalid(String capability, String what, String why) {
    return new CapabilityException("capability_key_invalid", 400, "capability " + capability + ": " + what + ": " + why, null);
  }

  /** Any other argument the contract refuses (a negative limit, a non-integer to increment). */
  public static CapabilityException invalidArgument(String capability, String why) {
    return new CapabilityException("capability_invalid_argument", 400, "capability " + capability + ": " + why, null);
  }

  /** A contract name nobody knows. */
  public static CapabilityException unknownContract(String capability, String contract) {
    return new CapabilityException("capability_unknown_contract", 400,
        "capability " + capability + ": unknown contract \"" + contract + "\"; contracts are: " + Contract.known(), null);
  }

  /** A provider name that does not serve the contract. */
  public static CapabilityException unknownProvider(String capability, String contract, String provider, String known) {
    return new CapabilityException("capability_unknown_provider", 400,
        "capability " + capability + ": no provider \"" + provider + "\" for contract " + contract + "; providers are: " + known, null);
  }

  /** A provider setting that cannot work: a bad URL, an unknown key, a limit above what the provider can hold. */
  public static CapabilityException badConfig(String capability, String provider, String setting, String why) {
    return new CapabilityException("capability_bad_config", 400,
        "capability " + capability + " (provider " + provider + "): " + setting + ": " + why, null);
  }

  /** A call to a binding the service does not have, or of the wrong contract. */
  public static CapabilityException bindingNotFound(String binding, String why) {
    return new CapabilityException("capability_binding_not_found", 500, "binding " + binding + ": " + why, null);
  }

  /** No capability of that name is declared or linked (admin API, CLI). */
  public static CapabilityException notFound(String capability, String known) {
    return new CapabilityException("capability_not_found", 404,
        "no capability named " + capability + (known.isEmpty() ? " (the app declares none)" : "; capabilities: " + known), null);
  }
}
