package io.steward.audit;

/**
 * The trail could not commit events (the database is down, the queue stayed full, the writer stopped). The
 * caller must not go on as if the events were recorded: an action that needs an audit record fails.
 */
public class AuditUnavailableException extends RuntimeException {

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditUnavailableException(String message) {
    super(message);
  }
}
