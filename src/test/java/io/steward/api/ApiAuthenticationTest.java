package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** Without a valid token the API answers 401, and a revoked or expired token stops at once. */
class ApiAuthenticationTest extends ApiTestBase {

  @Autowired ApiTokens tokens;

  @Test
  void refusesACallWithoutAToken() {
    get("/api/v1/contacts", null).problem(401, "unauthenticated");
  }

  @Test
  void refusesGarbageTokens() {
    for (String garbage : new String[] {"stw_not-a-real-token", "nonsense", "stw_" + "x".repeat(200)}) {
      HttpHeaders h = new HttpHeaders();
      h.setBearerAuth(garbage);
      Reply r = raw(HttpMethod.GET, "/api/v1/me", h, null);
      r.problem(401, "unauthenticated");
      assertThat(r.body()).doesNotContain(garbage);
    }
  }

  @Test
  void refusesAnExpiredToken() throws InterruptedException {
    TestUser sales = users.withRole("sales");
    String token = tokens.create(Principal.system(), sales.id(), "short-lived", Duration.ofMillis(300)).token();
    HttpHeaders h = new HttpHeaders();
    h.setBearerAuth(token);
    Thread.sleep(400);
    raw(HttpMethod.GET, "/api/v1/me", h, null).problem(401, "unauthenticated");
  }

  @Test
  void revokedTokenStopsAtOnce() {
    TestUser sales = users.withRole("sales");
    ApiTokens.IssuedToken issued = tokens.create(Principal.system(), sales.id(), "to revoke", Duration.ofDays(1));
    HttpHeaders h = new HttpHeaders();
    h.setBearerAuth(issued.token());
    assertThat(raw(HttpMethod.GET, "/api/v1/me", h, null).status()).isEqualTo(200);

    tokens.revoke(Principal.system(), issued.id());

    raw(HttpMethod.GET, "/api/v1/me", h, null).problem(401, "unauthenticated");
  }

  @Test
  void servesTheApiDescriptionWithoutAToken() {
    Reply r = get("/v3/api-docs", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("paths").has("/api/v1/{collection}")).isTrue();
    assertThat(r.json().path("paths").has("/api/v1/{collection}/{id}")).isTrue();
    assertThat(r.json().path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
    assertThat(r.json().path("components").path("schemas").path("Record").path("additionalProperties").asBoolean()).isTrue();
    assertThat(r.body()).doesNotContain("\"principal\"");
  }
}
