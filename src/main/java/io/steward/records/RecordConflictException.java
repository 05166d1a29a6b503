package io.steward.records;

/** The record changed since the caller read it; nothing was overwritten. */
public class RecordConflictException extends RuntimeException {

  private final long currentVersion;

  public RecordConflictException(long currentVersion) {
    super("This record was changed by someone else (now version " + currentVersion + "). Reload it and apply your change again.");
    this.currentVersion = currentVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
