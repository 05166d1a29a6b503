package io.steward.records;

import java.util.List;

/**
 * A write or query that cannot be accepted as sent. Each error names the field, a stable code and a message a
 * person can act on; none repeats the rejected value.
 */
public class InvalidRecordException extends RuntimeException {

  public record FieldError(String field, String code, String message) {}

  private final List<FieldError> errors;
  private final boolean malformed;

  public InvalidRecordException(List<FieldError> errors, boolean malformed) {
    super(errors.isEmpty() ? "Invalid request" : errors.get(0).message());
    this.errors = List.copyOf(errors);
    this.malformed = malformed;
  }

  public static InvalidRecordException of(String field, String code, String message) {
    return new InvalidRecordException(List.of(new FieldError(field, code, message)), false);
  }

  /** A request the server could not understand at all (400), rather than one that breaks a rule (422). */
  public static InvalidRecordException malformed(String field, String code, String message) {
    return new InvalidRecordException(List.of(new FieldError(field, code, message)), true);
  }

  public List<FieldError> errors() {
    return errors;
  }

  public boolean malformed() {
    return malformed;
  }
}
