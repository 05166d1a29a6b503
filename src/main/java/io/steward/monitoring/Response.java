package io.steward.monitoring;

/** What the monitor does when a rule fires, from mildest to strongest. Every response also opens an incident. */
public enum Response {
  /** An incident and notifications; nothing happens to the account. */
  ALERT("Alert only"),
  /**
   * From the next request on, every session and API token of the account is refused until it gives a fresh second
   * factor: a browser on the step-up page (then it goes on), a token never (it must be made again). An account with
   * no second factor to give has its sessions and tokens ended instead.
   */
  REQUIRE_MFA("Require fresh MFA"),
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
