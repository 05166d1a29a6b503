package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class RolesAndAccessReviewApiTest extends ApiTestBase {

  @Autowired ApiTokens tokens;

  private static final Map<String, Object> HELPDESK = Map.of(
      "label", "Helpdesk",
      "scope", "all",
      "objects", Map.of("contact", List.of("read")),
      "classifications", Map.of("public", "read", "internal", "read", "personal", "hidden", "sensitive", "hidden"),
      "fields", Map.of("contact.email", "read"),
      "admin", List.of());

  @Test
  void anAdministratorCreatesACustomRoleAndItDecidesAccessAtOnce() {
    TestUser admin = users.withRole("admin");

    Reply saved = call(HttpMethod.PUT, "/api/v1/roles/helpdesk", admin, HELPDESK);

    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().path("fields").path("contact.email").asString()).isEqualTo("read");
    TestUser helper = users.withRole("helpdesk");
    String id = call(HttpMethod.POST, "/api/v1/contacts", admin, Map.of("firstName", "Hal", "lastName", "Desk", "email", "hal@example.test")).text("id");
    var seen = get("/api/v1/contacts/" + id, helper).json();
    assertThat(seen.path("email").asString()).isEqualTo("hal@example.test");
    assertThat(seen.has("firstName")).isFalse();
    assertThat(call(HttpMethod.POST, "/api/v1/contacts", helper, Map.of("firstName", "No", "lastName", "Way")).status()).isEqualTo(403);
  }

  @Test
  void changingARoleNeedsAFreshSecondFactorAndTheRolesPermission() {
    TestUser admin = users.withRole("admin");
    TestUser manager = users.withRole("manager");
    String ordinary = tokens.create(Principal.system(), admin.id(), "ordinary", Duration.ofDays(1)).token();
    HttpHeaders h = new HttpHeaders();
    h.setBearerAuth(ordinary);
    h.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);

    raw(HttpMethod.PUT, "/api/v1/roles/helpdesk-two", h, JSON.writeValueAsString(HELPDESK)).problem(403, "step-up-required");
    call(HttpMethod.PUT, "/api/v1/roles/helpdesk-two", manager, HELPDESK).problem(403, "forbidden");
  }

  @Test
  void accessReviewAnswersWhoCanSeeAFieldAndWhatAUserCanSee() {
    TestUser admin = users.withRole("admin");
    TestUser marketing = users.withRole("marketing");

    Reply report = get("/api/v1/access-review?days=30", admin);
    Reply who = get("/api/v1/access-review/fields/contact/birthDate", admin);
    Reply what = get("/api/v1/users/" + marketing.id() + "/access", admin);

    assertThat(report.status()).isEqualTo(200);
    assertThat(report.json().path("users").size()).isPositive();
    assertThat(who.body()).contains("\"admin\"").doesNotContain("\"marketing\"");
    assertThat(what.json().path("objects").path("contact").path("fields").path("email").asString()).isEqualTo("edit");
    assertThat(what.json().path("objects").path("contact").path("fields").path("phone").asString()).isEqualTo("hidden");
    assertThat(get("/api/v1/access-review", marketing).status()).isEqualTo(403);
  }
}
