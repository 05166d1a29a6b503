package io.steward.monitoring;

/** An incident is open until someone acknowledges it (working on it) and then resolves it (with a note). */
public enum IncidentStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED
}
