package io.steward.guard.detect;

import io.steward.guard.Confidence;

/** Passport numbers: a 6-9 character letter-and-digit token next to the word "passport". */
final class PassportNumberDetector extends BuiltinDetector {

  static final String ID = "passport-number";

  PassportNumberDetector() {
    super(
        ID,
        "Passport number",
        "A token of 6 to 9 letters and digits, at least three of them digits and not a date"
            + " (20260509), within 40 characters of 'passport' (also 'passport no', 'passport#',"
            + " 'passports').",
        "This looks like a passport number. Steward does not keep identity document numbers;"
            + " record that identity was verified (document type, by whom, when) instead.");
  }

  @Override
  public Confidence find(TextScan scan) {
    boolean found =
        NearContext.anyToken(
            scan,
            Context.PASSPORT,
            false,
            (t, s, e) ->
                e - s >= 6
                    && e - s <= 9
                    && IdentityTokens.digits(t, s, e) >= 3
                    && !IdentityTokens.isDate(t, s, e));
    return found ? Confidence.MEDIUM : null;
  }
}
