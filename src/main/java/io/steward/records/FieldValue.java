package io.steward.records;

/** What a caller sees of one field: the value, or a mask that says a value exists. Never prints a value. */
public sealed interface FieldValue {

  record Shown(Object value) implements FieldValue {
    @Override
    public String toString() {
      return "Shown[***]";
    }
  }

  /** A sensitive value hidden behind a mask; {@code revealable} says whether this caller may reveal it with a reason. */
  record Masked(boolean revealable) implements FieldValue {}

  static FieldValue shown(Object value) {
    return new Shown(value);
  }
}
