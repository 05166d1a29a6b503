package io.steward.testsupport;

import io.steward.access.Accounts;
import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.access.UserKind;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpHeaders;

/** Makes users with roles and API tokens for tests; every email is obviously synthetic. */
@TestComponent
public class TestUsers {

  public static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger counter = new AtomicInteger();

  private final Accounts accounts;
  private final ApiTokens tokens;
  private final io.steward.access.SecondFactors factors;
  private final java.time.Clock clock;
  private final java.util.Map<UUID, AuthenticatorApp> apps = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<UUID, Long> lastStep = new java.util.concurrent.ConcurrentHashMap<>();

  public TestUsers(Accounts accounts, ApiTokens tokens, io.steward.access.SecondFactors factors, java.time.Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.factors = factors;
    this.clock = clock;
  }

  /**
   * A browser-like session signed in all the way: the user gets an authenticator app (enrolled once), then password
   * and a fresh code — each sign-in uses a new time step, as replayed codes are refused.
   */
  public WebSession signedIn(String baseUrl, TestUser u) {
    AuthenticatorApp app = authenticator(u);
    WebSession s = new WebSession(baseUrl);
    WebSession.Page page = s.signIn(u.email(), PASSWORD);
    if (page.location() != null && page.location().endsWith("/mfa")) {
      s.get("/mfa");
      s.post("/mfa/verify", java.util.Map.of("code", nextCode(u, app)));
    }
    return s;
  }

  /** Signs a real browser in all the way: password, then a code from the user's authenticator app. */
  public void signIn(Browser b, TestUser u) {
    AuthenticatorApp app = authenticator(u);
    b.open("/login");
    b.type("#email", u.email());
    b.type("#password", PASSWORD);
    b.submit("#sign-in");
    if (b.path().equals("/mfa")) {
      b.type("#code", nextCode(u, app));
      b.submit("#verify-code");
    }
  }

  private AuthenticatorApp authenticator(TestUser u) {
    return apps.computeIfAbsent(u.id(), id -> {
      var enrolment = factors.startTotp(id);
      AuthenticatorApp a = new AuthenticatorApp(enrolment.secret());
      long step = clock.instant().getEpochSecond() / 30 - 1;
      factors.confirmTotp(id, a.codeAt(Instant.ofEpochSecond(step * 30)), io.steward.access.RequestInfo.NONE).orElseThrow();
      lastStep.put(id, step);
      return a;
    });
  }

  /** A code for a time step not used before: replayed codes are refused, so each sign-in takes the next step. */
  private synchronized String nextCode(TestUser u, AuthenticatorApp app) {
    long current = clock.instant().getEpochSecond() / 30;
    long step = Math.max(lastStep.getOrDefault(u.id(), current - 2) + 1, current - 1);
    if (step > current + 1) {
      throw new IllegalStateException("Too many sign-ins of one test user within a minute");
    }
    lastStep.put(u.id(), step);
    return app.codeAt(Instant.ofEpochSecond(step * 30));
  }

  public record TestUser(UUID id, String email, String token) {
    public HttpHeaders bearer() {
      HttpHeaders h = new HttpHeaders();
      h.setBearerAuth(token);
      return h;
    }
  }

  /** A staff user of team "main" holding one role, with a 1-day API token. */
  public TestUser withRole(String role) {
    return create(role, UserKind.STAFF, "main", null);
  }

  public TestUser withRoleInTeam(String role, String team) {
    return create(role, UserKind.STAFF, team, null);
  }

  /** A vendor whose grant expires at the given time; sponsored by a fresh admin. */
  public TestUser vendorUntil(Instant expiresAt) {
    TestUser sponsor = withRole("admin");
    String email = "vendor" + counter.incrementAndGet() + "@vendor.example.test";
    UUID id = accounts.createUser(Principal.system(), new Accounts.NewUser(email, "Vendor " + counter.get(), PASSWORD, UserKind.VENDOR, "main", sponsor.id()));
    accounts.grant(Principal.system(), id, "vendor", expiresAt, null, null, "test");
    String token = tokens.create(Principal.system(), id, "test", Duration.ofDays(1), true).token();
    return new TestUser(id, email, token);
  }

  private TestUser create(String role, UserKind kind, String team, UUID sponsor) {
    String email = role + counter.incrementAndGet() + "@staff.example.test";
    UUID id = accounts.createUser(Principal.system(), new Accounts.NewUser(email, role + " " + counter.get(), PASSWORD, kind, team, sponsor));
    accounts.grant(Principal.system(), id, role, null, null, null, "test");
    String token = tokens.create(Principal.system(), id, "test", Duration.ofDays(1), true).token();
    return new TestUser(id, email, token);
  }
}
