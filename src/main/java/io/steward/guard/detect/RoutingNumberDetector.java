package io.steward.guard.detect;

import io.steward.guard.Confidence;

/** US bank routing (ABA) numbers next to account wording. */
final class RoutingNumberDetector extends BuiltinDetector {

  static final String ID = "us-bank-routing";

  RoutingNumberDetector() {
    super(
        ID,
        "US bank routing and account details",
        "Nine digits with a valid ABA routing checksum and Federal Reserve prefix, within 40"
            + " characters of 'routing', 'ABA', 'RTN', 'account', 'acct', 'a/c', 'bank', 'ACH' or"
            + " 'wire'.",
        "This looks like bank routing and account details. Steward does not keep bank account"
            + " details; keep them in your payment or banking system and note only that they are"
            + " on file there.");
  }

  @Override
  public Confidence find(TextScan scan) {
    int[] d = new int[9];
    boolean found =
        NearContext.anyRun(
            scan,
            Context.ROUTING,
            (runs, r) -> {
              if (runs.length(r) != 9 || !runs.isStandalone(r)) {
                return false;
              }
              runs.digits(r, r, d);
              return Checksums.aba(d, 9);
            });
    return found ? Confidence.MEDIUM : null;
  }
}
