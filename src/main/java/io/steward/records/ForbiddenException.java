package io.steward.records;

/** The caller's roles do not permit this action on this object type or field. */
public class ForbiddenException extends RuntimeException {

  private final String field;

  public ForbiddenException(String message, String field) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
