package io.steward.guard.detect;

import java.util.List;

/** The detectors that ship with Steward, in the order the guard runs and reports them. */
public final class BuiltinDetectors {

  private static final List<Detector> ALL =
      List.of(
          new IbanDetector(),
          new CardNumberDetector(),
          new SsnDetector(),
          new SecretDetector(),
          new RoutingNumberDetector(),
          new SecurityCodeDetector(),
          new CreditScoreDetector(),
          new PassportNumberDetector(),
          new DriversLicenceDetector());

  private BuiltinDetectors() {}

  public static List<Detector> all() {
    return ALL;
  }
}
