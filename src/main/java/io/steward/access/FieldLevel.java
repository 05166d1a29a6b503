package io.steward.access;

/**
 * How much of a field a role sees, from nothing to editing. For sensitive fields, READ and EDIT still show
 * the value masked until the user reveals it with a reason.
 */
public enum FieldLevel {
  HIDDEN,
  MASKED,
  READ,
  EDIT;

  public boolean atLeast(FieldLevel other) {
    return compareTo(other) >= 0;
  }

  public static FieldLevel max(FieldLevel a, FieldLevel b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
