package io.steward.guard.detect;

import io.steward.guard.Confidence;

/** Credit scores: a number from 300 to 850 next to credit bureau or score wording. */
final class CreditScoreDetector extends BuiltinDetector {

  static final String ID = "credit-score";

  CreditScoreDetector() {
    super(
        ID,
        "Credit score",
        "A whole number from 300 to 850 (not money, a percentage or a decimal) within 40"
            + " characters of 'credit score', 'credit rating', 'FICO', 'Experian', 'Equifax',"
            + " 'TransUnion', 'VantageScore', 'beacon score' or 'bureau score'.",
        "This looks like a credit score. Steward does not keep credit scores; record only that"
            + " a credit check passed or failed, when, and by whom (a credit verification).");
  }

  @Override
  public Confidence find(TextScan scan) {
    char[] t = scan.chars();
    boolean found =
        NearContext.anyRun(
            scan,
            Context.CREDIT_SCORE,
            (runs, r) -> {
              if (runs.length(r) != 3 || !NearContext.isPlainNumber(runs, r, t)) {
                return false;
              }
              int[] d = new int[3];
              runs.digits(r, r, d);
              int value = d[0] * 100 + d[1] * 10 + d[2];
              return value >= 300 && value <= 850;
            });
    return found ? Confidence.MEDIUM : null;
  }
}
