package io.steward.guard;

/**
 * A custom detector definition was refused. The message says what to change and never repeats
 * the submitted pattern or words.
 */
public class InvalidCustomDetectorException extends IllegalArgumentException {

  public InvalidCustomDetectorException(String message) {
    super(message);
  }
}
