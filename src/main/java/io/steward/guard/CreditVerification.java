package io.steward.guard;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What Steward keeps instead of a credit score: that a credit check was made, its outcome, when,
 * by whom and with which provider, and the provider's reference for the check.
 *
 * <p>The constructor refuses a provider or reference that holds a score ("Experian 712") or any
 * other never-keep data. {@code toString()} prints only the outcome and date.
 *
 * @param outcome whether the check passed
 * @param date the day of the check
 * @param verifiedBy who made the check (a user name or id)
 * @param provider the bureau or service, e.g. "Experian"
 * @param reference the provider's reference for the check; may be null
 */
public record CreditVerification(
    Outcome outcome, LocalDate date, String verifiedBy, String provider, String reference) {

  public enum Outcome {
    PASSED,
    FAILED
  }

  public CreditVerification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(date, "date");
    verifiedBy = requireText(verifiedBy, "verifiedBy");
    provider = requireText(provider, "provider");
    if (reference != null) {
      reference = reference.isBlank() ? null : requireText(reference, "reference");
    }
    BuiltinGuard.refuseProhibited(provider);
    if (reference != null) {
      BuiltinGuard.refuseProhibited(reference);
      // The score may sit in the reference while the bureau's name sits in the provider.
      BuiltinGuard.refuseProhibited(provider + ": " + reference);
    }
  }

  private static String requireText(String value, String field) {
    if (value == null || value.isBlank() || value.length() > 200) {
      throw new IllegalArgumentException(field + " must be 1 to 200 characters.");
    }
    return value.strip();
  }

  @Override
  public String toString() {
    return "CreditVerification[outcome=" + outcome + ", date=" + date + ", verifiedBy=***,"
        + " provider=***, reference=***]";
  }
}
