package io.steward.cli;

/** The command line was wrong (unknown option, missing or malformed value): exit code 2, with the usage. */
public class UsageException extends RuntimeException {

  public UsageException(String message) {
    super(message, null, false, false);
  }
}
