package io.steward.access;

import io.steward.access.store.SessionStore;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator. There is no default password: a fresh Steward either takes the administrator from
 * STEWARD_ADMIN_EMAIL and STEWARD_ADMIN_PASSWORD(_FILE), or prints a one-time setup link valid for 24 hours.
 */
@Service
public class FirstAdmin {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  private static final Duration LINK_LIFETIME = Duration.ofHours(24);

  private final Accounts accounts;
  private final SessionStore store;
  private final AuditTrail audit;
  private final Clock clock;
  private final String adminEmail;
  private final String adminPassword;
  private final String adminPasswordFile;
  private final String baseUrl;

  FirstAdmin(Accounts accounts, SessionStore store, AuditTrail audit, Clock clock,
      @Value("${steward.setup.admin-email:}") String adminEmail,
      @Value("${steward.setup.admin-password:}") String adminPassword,
      @Value("${steward.setup.admin-password-file:}") String adminPasswordFile,
      @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
    this.accounts = accounts;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.adminEmail = adminEmail;
    this.adminPassword = adminPassword;
    this.adminPasswordFile = adminPasswordFile;
    this.baseUrl = baseUrl;
  }

  public boolean needed() {
    return !accounts.anyUser();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onStart(ApplicationReadyEvent event) {
    // Only a serving Steward offers the setup link; a CLI command must not replace the link a running server printed.
    if (!(event.getApplicationContext() instanceof org.springframework.web.context.WebApplicationContext) || !needed()) {
      return;
    }
    if (!adminEmail.isBlank()) {
      createFromEnvironment();
      return;
    }
    String token = issueToken();
    log.warn("\n==========================================================================================\n"
        + "  Welcome to Steward. Create the first administrator within 24 hours at this one-time link:\n\n"
        + "    {}/setup?token={}\n\n"
        + "  (A new link is printed at each start until an administrator exists.)\n"
        + "==========================================================================================", baseUrl, token);
  }

  /** Makes a new one-time setup token, replacing any earlier one; returns it (for the log line and for tests). */
  @Transactional
  public String issueToken() {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    store.replaceSetupToken(Sessions.hash(token), clock.instant().plus(LINK_LIFETIME));
    return token;
  }

  public boolean tokenValid(String token) {
    return token != null && token.length() < 100 && needed() && store.setupTokenValid(Sessions.hash(token), clock.instant());
  }

  /** Creates the first administrator with a setup token; the token works once. */
  @Transactional
  public UUID create(String token, String email, String displayName, String password, RequestInfo request) {
    if (!tokenValid(token)) {
      throw new AccessRequestException("token", "This setup link is no longer valid. Restart Steward to print a new one.");
    }
    UUID id = createAdmin(email, displayName, password, request);
    if (!store.useSetupToken(Sessions.hash(token), clock.instant())) {
      throw new AccessRequestException("token", "This setup link is no longer valid. Restart Steward to print a new one.");
    }
    return id;
  }

  private void createFromEnvironment() {
    String password = Secrets.valueOrFile(adminPassword, adminPasswordFile, "STEWARD_ADMIN_PASSWORD_FILE");
    if (password == null) {
      throw new IllegalStateException("STEWARD_ADMIN_EMAIL is set but neither STEWARD_ADMIN_PASSWORD nor STEWARD_ADMIN_PASSWORD_FILE is.");
    }
    createAdmin(adminEmail, null, password, RequestInfo.NONE);
    log.info("Created the first administrator from STEWARD_ADMIN_EMAIL.");
  }

  private UUID createAdmin(String email, String displayName, String password, RequestInfo request) {
    Principal system = Principal.system().withRequest(request);
    UUID id = accounts.createUser(system, new Accounts.NewUser(email, displayName, password, UserKind.STAFF, "main", null));
    accounts.grant(system, id, "admin", null, null, null, "first administrator");
    audit.record(new AuditEvent(clock.instant(), AuditActions.SETUP, "system", "user", List.of(id.toString()), List.of(), null, "success",
        request.ip(), request.userAgent(), request.requestId(), Map.of()));
    return id;
  }
}
