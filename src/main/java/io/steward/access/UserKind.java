package io.steward.access;

/** Staff work here; vendors and contractors come from outside and must have expiring access and a sponsor. */
public enum UserKind {
  STAFF,
  CONTRACTOR,
  VENDOR;

  public boolean isExternal() {
    return this != STAFF;
  }
}
