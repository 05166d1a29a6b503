package io.steward.records;

/** A value Steward must never keep (a card number, an SSN, …) was refused; the value itself is never carried. */
public class ProhibitedValueException extends RuntimeException {

  private final String field;
  private final String detectorId;

  public ProhibitedValueException(String field, String detectorId, String advice) {
    super(advice);
    this.field = field;
    this.detectorId = detectorId;
  }

  public String field() {
    return field;
  }

  public String detectorId() {
    return detectorId;
  }
}
