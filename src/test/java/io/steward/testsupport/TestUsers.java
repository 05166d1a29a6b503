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

  public TestUsers(Accounts accounts, ApiTokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
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
