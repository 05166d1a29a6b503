package io.steward.monitoring;

/** What the monitor does when a rule fires, from mildest to strongest. Every response also opens an incident. */
public enum Response {
  /** An incident and notifications; nothing happens to the account. */
  ALERT("Alert only"),
  /**
   * Fresh MFA at the next request. Step-up sign-in is not in Steward yet, so this ends every session and API
   * token of the account: the person signs in again (with MFA where they have it) and makes new tokens.
   */
  REQUIRE_MFA("Require fresh MFA (ends sessions and tokens)"),
  /** Ends every browser session and revokes every API token of the account. */
  END_SESSIONS("End sessions and tokens"),
  /** Disables the account until an administrator reviews the incident and enables it again. */
  SUSPEND("Suspend until reviewed"),
  /** Refuses the account's exports until the incident is resolved. */
  BLOCK_EXPORT("Block exports");

  private final String label;

  Response(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
