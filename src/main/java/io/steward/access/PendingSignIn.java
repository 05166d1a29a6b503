package io.steward.access;

import java.util.UUID;

/**
 * A browser session whose password (or identity provider) was accepted but which still owes a second factor:
 * either the code or passkey step, or, for a user who must have one and has none, enrolment. Such a session
 * reaches only the second-factor pages and sign-out.
 */
public record PendingSignIn(UUID userId, String email, String displayName, Stage stage) {

  public enum Stage {
    /** Has a second factor; must use it. */
    SECOND_FACTOR("mfa"),
    /** Must have a second factor and has none yet; must set one up. */
    ENROL("enrol");

    private final String code;

    Stage(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    static Stage of(String code) {
      return "enrol".equals(code) ? ENROL : SECOND_FACTOR;
    }
  }

  @Override
  public String toString() {
    return "PendingSignIn[" + userId + ", " + stage + "]";
  }
}
