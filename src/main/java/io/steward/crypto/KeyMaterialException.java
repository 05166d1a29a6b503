package io.steward.crypto;

/** Key material cannot be loaded or used; the message tells an operator what to do and holds no secret. */
public class KeyMaterialException extends RuntimeException {

  public KeyMaterialException(String message) {
    super(message);
  }

  public KeyMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
