package io.steward.schema;

import java.util.Locale;

/** Why the law lets a business hold data for a purpose (GDPR art. 6); consent also needs its time and wording. */
public enum LegalBasis {
  CONSENT,
  CONTRACT,
  LEGITIMATE_INTEREST,
  LEGAL_OBLIGATION;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String label() {
    return switch (this) {
      case CONSENT -> "Consent";
      case CONTRACT -> "Contract";
      case LEGITIMATE_INTEREST -> "Legitimate interest";
      case LEGAL_OBLIGATION -> "Legal obligation";
    };
  }

  /** Parses "legitimate-interest", "LEGITIMATE_INTEREST" or "legitimate interest"; empty for anything else. */
  public static java.util.Optional<LegalBasis> parse(String s) {
    if (s == null) {
      return java.util.Optional.empty();
    }
    String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (LegalBasis b : values()) {
      if (b.name().equals(n)) {
        return java.util.Optional.of(b);
      }
    }
    return java.util.Optional.empty();
  }
}
