package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** The caller's own account and tokens, and user administration, which needs the manage-users permission. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsApiTest extends ApiTestBase {

  @Autowired ApiTokens tokens;

  TestUser admin;
  TestUser sales;

  @BeforeAll
  void setUp() {
    admin = users.withRole("admin");
    sales = users.withRole("sales");
  }

  @Test
  void tellsWhoIsCalling() {
    JsonNode me = get("/api/v1/me", sales).json();
    assertThat(me.path("id").asString()).isEqualTo(sales.id().toString());
    assertThat(me.path("email").asString()).isEqualTo(sales.email());
    assertThat(me.path("roles").toString()).isEqualTo("[\"sales\"]");
    assertThat(me.path("scope").asString()).isEqualTo("team");
    assertThat(me.path("admin").isEmpty()).isTrue();
  }

  @Test
  void listsAndRevokesOwnTokensOnly() {
    TestUser user = users.withRole("sales");
    ApiTokens.IssuedToken second = tokens.create(Principal.system(), user.id(), "laptop script", Duration.ofDays(1));
    JsonNode list = get("/api/v1/me/tokens", user).json().path("items");
    assertThat(list.findValuesAsString("name")).contains("test", "laptop script");
    assertThat(list.toString()).doesNotContain(user.token()).doesNotContain(second.token());

    delete("/api/v1/me/tokens/not-a-token-id", user).problem(404, "not-found");
    UUID othersToken = tokens.of(sales.id()).get(0).id();
    delete("/api/v1/me/tokens/" + othersToken, user).problem(404, "not-found");
    assertThat(get("/api/v1/me", sales).status()).isEqualTo(200);

    assertThat(delete("/api/v1/me/tokens/" + second.id(), user).status()).isEqualTo(204);
    HttpHeaders h = new HttpHeaders();
    h.setBearerAuth(second.token());
    raw(HttpMethod.GET, "/api/v1/me", h, null).problem(401, "unauthenticated");
    assertThat(get("/api/v1/me", user).status()).isEqualTo(200);
  }

  @Test
  void userAdministrationNeedsManageUsers() {
    get("/api/v1/users", sales).problem(403, "forbidden");
    post("/api/v1/users", sales, map("email", "x@example.test")).problem(403, "forbidden");
    get("/api/v1/roles", sales).problem(403, "forbidden");
    get("/api/v1/users/" + sales.id() + "/tokens", sales).problem(403, "forbidden");
  }

  @Test
  void adminCreatesAUserGrantsARoleAndRevokesIt() {
    Reply created = post("/api/v1/users", admin, map("email", "new.user@staff.example.test", "displayName", "New User", "team", "north"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.text("id");
    assertThat(created.headers().getLocation().getPath()).isEqualTo("/api/v1/users/" + id);
    assertThat(created.text("kind")).isEqualTo("staff");

    Reply grant = post("/api/v1/users/" + id + "/grants", admin, map("role", "support", "allowedHours", "00-24", "reason", "Helpdesk cover"));
    assertThat(grant.status()).as(grant.body()).isEqualTo(201);
    assertThat(grant.json().path("active").asBoolean()).isTrue();
    String token = tokens.create(Principal.system(), UUID.fromString(id), "t", Duration.ofDays(1)).token();
    HttpHeaders h = new HttpHeaders();
    h.setBearerAuth(token);
    assertThat(raw(HttpMethod.GET, "/api/v1/me", h, null).json().path("roles").toString()).isEqualTo("[\"support\"]");

    JsonNode detail = get("/api/v1/users/" + id, admin).json();
    assertThat(detail.path("grants").get(0).path("role").asString()).isEqualTo("support");
    assertThat(get("/api/v1/users", admin).json().path("items").findValuesAsString("email")).contains("new.user@staff.example.test");
    assertThat(get("/api/v1/users/" + id + "/tokens", admin).json().path("items").size()).isEqualTo(1);

    assertThat(delete("/api/v1/grants/" + grant.text("id"), admin).status()).isEqualTo(204);
    raw(HttpMethod.GET, "/api/v1/me", h, null).problem(401, "unauthenticated");
    delete("/api/v1/grants/" + grant.text("id"), admin).problem(404, "not-found");
  }

  @Test
  void disablingAUserStopsTheirTokensAtOnce() {
    TestUser target = users.withRole("sales");
    Reply disabled = post("/api/v1/users/" + target.id() + "/disable", admin, null);
    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
    get("/api/v1/me", target).problem(401, "unauthenticated");
    assertThat(post("/api/v1/users/" + target.id() + "/enable", admin, null).json().path("enabled").asBoolean()).isTrue();
    assertThat(get("/api/v1/me", target).status()).isEqualTo(200);
    assertThat(post("/api/v1/users/" + target.id() + "/sessions/end", admin, null).json().path("ended").asInt()).isZero();
    post("/api/v1/users/" + admin.id() + "/disable", admin, null).problem(422, "validation-failed");
  }

  @Test
  void grantRequestsAreValidatedWithoutEchoingValues() {
    String vendor = post("/api/v1/users", admin, map("email", "vendor.x@vendor.example.test", "kind", "vendor", "sponsorId",
        admin.id().toString())).text("id");
    JsonNode noExpiry = post("/api/v1/users/" + vendor + "/grants", admin, map("role", "vendor")).problem(422, "validation-failed");
    assertThat(noExpiry.path("errors").get(0).path("field").asString()).isEqualTo("expiresAt");

    Reply unknownRole = post("/api/v1/users/" + vendor + "/grants", admin, map("role", "<script>alert(1)</script>",
        "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
    assertThat(unknownRole.problem(422, "validation-failed").path("errors").get(0).path("field").asString()).isEqualTo("role");
    assertThat(unknownRole.body()).doesNotContain("script");

    Reply badDate = post("/api/v1/users/" + vendor + "/grants", admin, map("role", "vendor", "expiresAt", "4111111111111111x"));
    assertThat(badDate.problem(422, "validation-failed").path("errors").get(0).path("field").asString()).isEqualTo("expiresAt");
    assertThat(badDate.body()).doesNotContain("4111111111111111");

    Reply unknownField = post("/api/v1/users/" + vendor + "/grants", admin, map("role", "vendor", "superuser", true));
    assertThat(unknownField.problem(400, "bad-request").path("errors").get(0).path("field").asString()).isEqualTo("superuser");

    post("/api/v1/users", admin, map("email", "vendor.x@vendor.example.test")).problem(422, "validation-failed");
    post("/api/v1/users", admin, map("email", "k@staff.example.test", "kind", "wizard")).problem(422, "validation-failed");
    get("/api/v1/users/" + UUID.randomUUID(), admin).problem(404, "not-found");
  }

  @Test
  void listsRoles() {
    JsonNode roles = get("/api/v1/roles", admin).json().path("items");
    assertThat(roles.findValuesAsString("name")).contains("admin", "sales", "marketing", "vendor");
    for (JsonNode r : roles) {
      if (r.path("name").asString().equals("marketing")) {
        assertThat(r.path("fields").path("contact.email").asString()).isEqualTo("edit");
        assertThat(r.path("scope").asString()).isEqualTo("all");
      }
    }
  }
}
