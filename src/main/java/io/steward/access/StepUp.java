package io.steward.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Risky actions ask again: revealing a sensitive field, exporting, changing roles or grants, rotating keys,
 * exporting the audit trail and removing a second factor need a second factor within the last
 * {@code steward.access.step-up-window} (10 minutes by default). Call {@link #require} at the top of the action,
 * inside the module that performs it.
 *
 * <p>API tokens carry no second factor, so token callers can never pass step-up: such actions are for the web UI.
 * Steward itself ({@link Principal#system()}) is exempt.
 */
@Component
public class StepUp {

  public static final String REVEAL = "reveal";
  public static final String EXPORT = "export";
  public static final String CHANGE_ROLES = "change-roles";
  public static final String CHANGE_GRANTS = "change-grants";
  public static final String ROTATE_KEYS = "rotate-keys";
  public static final String EXPORT_AUDIT = "export-audit";
  public static final String MANAGE_MFA = "manage-mfa";

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      REVEAL, "reveal a sensitive value",
      EXPORT, "export data",
      CHANGE_ROLES, "change roles",
      CHANGE_GRANTS, "change who has which role",
      ROTATE_KEYS, "rotate keys",
      EXPORT_AUDIT, "export the audit trail",
      MANAGE_MFA, "change your second factors");

  /** The page where a browser that owes a fresh second factor gives one ({@link FreshMfa}). */
  public static final String PAGE = "/stepup";

  private final AccessProperties properties;
  private final Clock clock;

  StepUp(AccessProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Throws {@link StepUpRequiredException} unless the principal passed a second factor within the window. */
  public void require(Principal p, String action) {
    if (!satisfied(p)) {
      throw new StepUpRequiredException(action);
    }
  }

  public boolean satisfied(Principal p) {
    if (p.isSystem()) {
      return true;
    }
    Instant at = p.mfaAt();
    return at != null && !at.plus(properties.stepUpWindow()).isBefore(clock.instant());
  }

  /**
   * Where to send a browser that owes a fresh second factor: the step-up page, which goes on to the address asked for
   * if it was a page (GET); a form sent at that moment goes back to the start page and must be sent again.
   */
  public static String pageFor(String method, String uri, String query) {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return PAGE;
    }
    String target = query == null ? uri : uri + "?" + query;
    return PAGE + "?continue=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
  }

  static String describe(String action) {
    return DESCRIPTIONS.getOrDefault(action, action);
  }
}
