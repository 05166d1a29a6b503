package io.steward.schema;

/** No object type of that name: answered as 404. */
public class UnknownObjectTypeException extends RuntimeException {

  public UnknownObjectTypeException(String name) {
    super("There is no object type named '" + (name.length() > 64 ? name.substring(0, 64) : name) + "'");
  }
}
