package io.steward.access;

/** What a role may do with an object type. */
public enum ObjectAction {
  READ,
  CREATE,
  UPDATE,
  DELETE,
  EXPORT
}
