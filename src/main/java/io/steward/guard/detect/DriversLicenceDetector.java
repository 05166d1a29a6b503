package io.steward.guard.detect;

import io.steward.guard.Confidence;

/** Driver's licence numbers: a 5-16 character token next to licence wording. */
final class DriversLicenceDetector extends BuiltinDetector {

  static final String ID = "drivers-licence";

  DriversLicenceDetector() {
    super(
        ID,
        "Driver's licence number",
        "A token of 5 to 16 letters and digits (dashes allowed between them, as in Florida's"
            + " A123-456-78-901-0), at least three of them digits and not a date, within 40"
            + " characters of \"driver's licence\" or \"license\" (any spelling), 'driving"
            + " licence', 'DL#', 'DL:', 'DL no', 'DLN', 'licence no' or 'license number'.",
        "This looks like a driver's licence number. Steward does not keep identity document"
            + " numbers; record that identity was verified (document type, by whom, when)"
            + " instead.");
  }

  @Override
  public Confidence find(TextScan scan) {
    boolean found =
        NearContext.anyToken(
            scan,
            Context.DRIVERS_LICENCE,
            true,
            (t, s, e) -> {
              int alnum = IdentityTokens.alnum(t, s, e);
              return alnum >= 5
                  && alnum <= 16
                  && IdentityTokens.digits(t, s, e) >= 3
                  && !IdentityTokens.isDate(t, s, e);
            });
    return found ? Confidence.MEDIUM : null;
  }
}
