package io.steward.api.limits;

import java.io.IOException;

/** A request body went past the API's limit; answered as 413 without reading further. */
public class BodyTooLargeException extends IOException {

  public static final int LIMIT = 1024 * 1024;
  public static final String LIMIT_TEXT = "1 MiB";

  public BodyTooLargeException() {
    super("Request body larger than " + LIMIT_TEXT, null);
  }
}
