package io.steward.audit;

/** The stable action names of audit events; SIEM rules and the monitor match on them. */
public final class AuditActions {

  private AuditActions() {}

  public static final String SIGN_IN = "auth.sign-in";
  public static final String SIGN_IN_FAILED = "auth.sign-in-failed";
  public static final String SIGN_OUT = "auth.sign-out";
  public static final String MFA = "auth.mfa";
  public static final String SESSION_REVOKED = "auth.session-revoked";
  public static final String TOKEN_CREATED = "auth.token-created";
  public static final String TOKEN_REVOKED = "auth.token-revoked";
  public static final String SETUP = "auth.setup";

  public static final String RECORD_READ = "record.read";
  public static final String RECORD_LIST = "record.list";
  public static final String RECORD_REVEAL = "record.reveal";
  public static final String RECORD_CREATE = "record.create";
  public static final String RECORD_UPDATE = "record.update";
  public static final String RECORD_DELETE = "record.delete";
  public static final String RECORD_ERASE = "record.erase";
  public static final String EXPORT = "data.export";
  public static final String IMPORT = "data.import";

  public static final String ACCESS_DENIED = "access.denied";
  public static final String GUARD_REFUSED = "guard.refused";
  public static final String USER_CHANGED = "admin.user";
  public static final String ROLE_CHANGED = "admin.role";
  public static final String GRANT_CHANGED = "admin.grant";
  public static final String SCHEMA_CHANGED = "admin.schema";
  public static final String KEY_CHANGED = "admin.keys";
  public static final String SETTING_CHANGED = "admin.setting";
  public static final String AUDIT_EXPORT = "audit.export";
  public static final String SCAN = "guard.scan";
  /** The monitor opened, acknowledged or resolved a security incident (docs/monitoring.md). */
  public static final String INCIDENT = "security.incident";
  /** The monitor contained an account: ended its sessions, suspended it or blocked its exports. */
  public static final String CONTAINED = "security.contained";
  /**
   * An email notification was delivered ({@code success}) or given up ({@code failure}): kind, number of recipients and
   * attempts, about which incident or user; never the subject, body or addresses.
   */
  public static final String NOTIFICATION_SENT = "notification.sent";
  /** Written by retention into the chain itself when it prunes expired events. */
  public static final String AUDIT_PRUNED = "audit.pruned";
}
