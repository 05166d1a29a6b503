package io.steward.monitoring;

/** The caller lacks the manage-security power that incidents and monitor settings need. */
public class MonitoringAccessDeniedException extends RuntimeException {

  public MonitoringAccessDeniedException() {
    super("Your roles do not allow you to manage security.");
  }
}
