package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Collect only what you need, through the REST API: a newsletter contact takes names and email, not a phone. */
class PurposesOverTheApiTest extends ApiTestBase {

  private static final List<Map<String, Object>> NEWSLETTER_CONSENT = List.of(Map.of("purpose", "newsletter",
      "consentText", "Yes, send me the monthly newsletter", "source", "signup form"));

  @Test
  void newsletterContactRefusesAPhoneNumberAndSaysWhy() {
    TestUser admin = users.withRole("admin");

    Reply r = call(HttpMethod.POST, "/api/v1/contacts", admin, Map.of("purposes", NEWSLETTER_CONSENT, "firstName", "Nora",
        "lastName", "Newsletter", "email", "nora@example.test", "phone", "+1 555 0142"));

    r.problem(422, "validation-failed");
    assertThat(r.body()).contains("phone").contains("newsletter").doesNotContain("555 0142");
  }

  @Test
  void newsletterContactWithNamesAndEmailIsAccepted() {
    TestUser admin = users.withRole("admin");

    Reply r = call(HttpMethod.POST, "/api/v1/contacts", admin, Map.of("purposes", NEWSLETTER_CONSENT, "firstName", "Nora",
        "lastName", "Newsletter", "email", "nora.ok@example.test"));

    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void contactWithoutPurposesGetsSalesAndKeepsEveryBuiltInField() {
    TestUser admin = users.withRole("admin");

    Reply r = call(HttpMethod.POST, "/api/v1/contacts", admin, Map.of("firstName", "Sam", "lastName", "Sales", "phone", "+1 555 0143",
        "homeAddress", "1 Example Street"));

    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }
}
