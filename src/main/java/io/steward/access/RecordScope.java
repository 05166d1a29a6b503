package io.steward.access;

/** Which records of a permitted object type a role reaches: its own, its team's, or all. */
public enum RecordScope {
  OWN,
  TEAM,
  ALL;

  public static RecordScope max(RecordScope a, RecordScope b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
