package io.steward.monitoring;

import java.util.Locale;

/**
 * The misuse rules with their built-in defaults. A threshold is an absolute floor; where a rule compares with
 * the user's own baseline, it fires only above both the floor and {@code factor} times the baseline. Defaults
 * can be changed by properties ({@code steward.monitoring.rules.<id>.*}) and on the security settings page.
 */
public enum Rule {
  MASS_READ("Mass read", "Records with personal data read in 5 minutes (or twice the threshold in an hour) above the floor and factor × the user's usual peak.",
      Response.SUSPEND, 150, 3.0, "records per 5 min"),
  DAILY_VOLUME("Slow exfiltration", "Records with personal data read in 24 hours above the floor and factor × the user's typical day.",
      Response.ALERT, 250, 2.5, "records per day"),
  ENUMERATION("Enumeration", "Distinct records opened one at a time in 5 minutes (walking ids), or half as many 'not found' answers.",
      Response.SUSPEND, 50, 3.0, "single reads per 5 min"),
  LARGE_EXPORT("Large export", "Records in one export above the floor and factor × the user's largest usual export.",
      Response.BLOCK_EXPORT, 1000, 3.0, "records per export"),
  REVEAL_BURST("Burst of reveals", "Sensitive values revealed in an hour above the floor and factor × the user's usual peak.",
      Response.END_SESSIONS, 20, 3.0, "reveals per hour"),
  OFF_HOURS("Far outside usual hours", "Records read in an hour of the day in which the user is almost never active (after the learning period).",
      Response.ALERT, 30, 0.0, "records in an unusual hour"),
  NEW_NETWORK_READ("New network, then heavy reading", "Records read within an hour of the first activity from a network the user never used.",
      Response.REQUIRE_MFA, 50, 0.0, "records within the hour"),
  PASSWORD_SPRAY("Password spraying", "Failed sign-ins for distinct accounts from one address within 10 minutes.",
      Response.ALERT, 10, 0.0, "accounts per 10 min"),
  CREDENTIAL_STUFFING("Credential stuffing", "A successful sign-in from an address that failed for this many other accounts within 10 minutes.",
      Response.END_SESSIONS, 5, 0.0, "failed accounts before"),
  DORMANT_WAKE("Dormant account wakes up", "Activity from an account unused for this many days.",
      Response.REQUIRE_MFA, 30, 0.0, "days unused"),
  VENDOR_OUTSIDE("Vendor outside hours or networks", "A vendor or contractor active from a network it never used, or outside the vendor hours where steward.monitoring.vendor-hours is set.",
      Response.SUSPEND, 1, 0.0, "events"),
  TOKEN_NEW_NETWORK("API token from a new network", "An API token used from a network its user never used.",
      Response.ALERT, 1, 0.0, "requests");

  private final String label;
  private final String description;
  private final Response defaultResponse;
  private final long defaultThreshold;
  private final double defaultFactor;
  private final String unit;

  Rule(String label, String description, Response defaultResponse, long defaultThreshold, double defaultFactor, String unit) {
    this.label = label;
    this.description = description;
    this.defaultResponse = defaultResponse;
    this.defaultThreshold = defaultThreshold;
    this.defaultFactor = defaultFactor;
    this.unit = unit;
  }

  /** The id used in properties, settings and webhooks: {@code mass-read}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Rule ofId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public String unit() {
    return unit;
  }

  public RuleSetting defaults() {
    return new RuleSetting(this, true, defaultResponse, defaultThreshold, defaultFactor);
  }
}
