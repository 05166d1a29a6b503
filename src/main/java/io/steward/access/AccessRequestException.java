package io.steward.access;

/** A request about users, roles or grants that cannot be carried out as asked; names the field to fix. */
public class AccessRequestException extends RuntimeException {

  private final String field;

  public AccessRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
