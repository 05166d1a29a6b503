package io.steward.schema;

/** Only roles with the schema permission may change object types and fields. */
public class SchemaAccessDeniedException extends RuntimeException {

  public SchemaAccessDeniedException() {
    super("Your roles do not allow you to change the schema.");
  }
}
