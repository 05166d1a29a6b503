package io.steward.records;

/** No such record, or one outside the caller's reach (the two are indistinguishable on purpose). */
public class RecordNotFoundException extends RuntimeException {

  public RecordNotFoundException(String objectType) {
    super("There is no " + objectType + " with this id, or it is not yours to see.");
  }
}
