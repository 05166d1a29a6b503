package io.steward.guard.detect;

import io.steward.guard.Confidence;

/**
 * US social security numbers. The grouped form (123-45-6789 or 123 45 6789) counts on its own;
 * the bare nine digits only next to a word such as "SSN" or "social security". Numbers the SSA
 * never issues (area 000, 666 or 900-999, group 00, serial 0000) do not count.
 */
final class SsnDetector extends BuiltinDetector {

  static final String ID = "us-ssn";

  SsnDetector() {
    super(
        ID,
        "US social security number",
        "AAA-GG-SSSS or AAA GG SSSS anywhere; nine bare digits only within 40 characters of"
            + " 'SSN', 'social security', 'soc sec', 'SS#', 'taxpayer', 'tax id' or 'TIN'."
            + " Never-issued numbers (area 000, 666, 900-999; group 00; serial 0000) are ignored.",
        "This looks like a US social security number. Steward does not keep social security"
            + " numbers; record that identity was verified (by whom, when) instead.");
  }

  @Override
  public Confidence find(TextScan scan) {
    DigitRuns runs = scan.digitRuns();
    int[] d = new int[9];
    Confidence best = null;
    for (int r = 0; r + 2 < runs.count(); r++) {
      char sep = runs.separatorAfter(r);
      if ((sep == '-' || sep == ' ' || sep == '\u2011' || sep == '\u00A0')
          && runs.length(r) == 3
          && runs.length(r + 1) == 2
          && runs.length(r + 2) == 4
          && runs.separatorAfter(r + 1) == sep
          && runs.separatorBefore(r) != sep
          && runs.separatorAfter(r + 2) != sep) {
        runs.digits(r, r + 2, d);
        if (isIssuable(d)) {
          if (scan.hasContextNear(runs.start(r), runs.end(r + 2), Context.SSN)) {
            return Confidence.HIGH;
          }
          best = Confidence.MEDIUM;
        }
      }
    }
    if (scan.hasContext(Context.SSN)) {
      for (int r = 0; r < runs.count(); r++) {
        if (runs.length(r) == 9
            && runs.isStandalone(r)
            && scan.hasContextNear(runs.start(r), runs.end(r), Context.SSN)) {
          runs.digits(r, r, d);
          if (isIssuable(d)) {
            return Confidence.HIGH;
          }
        }
      }
    }
    return best;
  }

  static boolean isIssuable(int[] d) {
    int area = d[0] * 100 + d[1] * 10 + d[2];
    int group = d[3] * 10 + d[4];
    int serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }
}
