package io.steward.access;

/**
 * A risky action asked for a second factor newer than the step-up window allows. The browser UI answers with an
 * inline code prompt that replays the request; REST API callers (API tokens, which carry no second factor) get
 * 403 with problem type {@code step-up-required}: such actions are for the web UI.
 */
public class StepUpRequiredException extends RuntimeException {

  private final String action;

  public StepUpRequiredException(String action) {
    super("Confirm it is you with a second factor to " + StepUp.describe(action) + ".");
    this.action = action;
  }

  public String action() {
    return action;
  }
}
