package io.steward.guard.detect;

import io.steward.guard.Confidence;

/** Card security codes (CVV, CVC, CID): three or four digits next to those words. */
final class SecurityCodeDetector extends BuiltinDetector {

  static final String ID = "card-security-code";

  SecurityCodeDetector() {
    super(
        ID,
        "Card security code",
        "Three or four digits within 40 characters of 'CVV', 'CVV2', 'CVC', 'CVC2', 'CID',"
            + " 'CSC', 'CVN', 'security code', 'card code' or 'card verification'.",
        "This looks like a card security code. Steward never keeps security codes; they may not"
            + " be stored after a payment is authorised. Remove it and use your payment"
            + " processor's token.");
  }

  @Override
  public Confidence find(TextScan scan) {
    char[] t = scan.chars();
    boolean found =
        NearContext.anyRun(
            scan,
            Context.SECURITY_CODE,
            (runs, r) ->
                (runs.length(r) == 3 || runs.length(r) == 4) && NearContext.isPlainNumber(runs, r, t));
    return found ? Confidence.MEDIUM : null;
  }
}
