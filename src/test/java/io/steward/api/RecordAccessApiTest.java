package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The access policy as an API client meets it: fields cut to the role, object actions refused, records out of scope unseen. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordAccessApiTest extends ApiTestBase {

  TestUser admin;
  String contactId;

  @BeforeAll
  void setUp() {
    admin = users.withRole("admin");
    contactId = post("/api/v1/contacts", admin, map("firstName", "Ada", "lastName", "Example", "email", "ada@example.test",
        "phone", "+1 555 0100", "jobTitle", "Engineer", "status", "customer", "birthDate", "1990-01-01")).text("id");
  }

  @Test
  void marketingSeesOnlyFirstNameLastNameAndEmail() {
    TestUser marketing = users.withRole("marketing");
    JsonNode c = get("/api/v1/contacts/" + contactId, marketing).json();
    List<String> fields = new ArrayList<>(c.propertyNames());
    fields.removeAll(List.of("id", "version", "createdAt", "updatedAt", "ownerId", "masked"));
    assertThat(fields).containsExactlyInAnyOrder("firstName", "lastName", "email");
    assertThat(c.path("masked").isEmpty()).isTrue();
  }

  @Test
  void marketingCannotChangeAFieldItCannotSee() {
    TestUser marketing = users.withRole("marketing");
    JsonNode p = patch("/api/v1/contacts/" + contactId, marketing, map("jobTitle", "CTO"), null).problem(403, "forbidden");
    assertThat(p.path("field").asString()).isEqualTo("jobTitle");
  }

  @Test
  void supportCannotCreateADeal() {
    TestUser support = users.withRole("support");
    post("/api/v1/deals", support, map("name", "Upsell", "stage", "proposal")).problem(403, "forbidden");
  }

  @Test
  void salesOfAnotherTeamGetsNotFound() {
    TestUser salesA = users.withRoleInTeam("sales", "a");
    TestUser salesB = users.withRoleInTeam("sales", "b");
    String id = post("/api/v1/contacts", salesB, map("firstName", "Bea", "lastName", "Example")).text("id");

    get("/api/v1/contacts/" + id, salesA).problem(404, "not-found");
    patch("/api/v1/contacts/" + id, salesA, map("lastName", "Changed"), null).problem(404, "not-found");
    delete("/api/v1/contacts/" + id, salesA).problem(404, "not-found");
    assertThat(get("/api/v1/contacts?q=bea", salesA).json().path("total").asLong()).isZero();
    assertThat(get("/api/v1/contacts/" + id, salesB).status()).isEqualTo(200);
  }

  @Test
  void schemaShowsOnlyWhatTheCallerCanSee() {
    TestUser marketing = users.withRole("marketing");
    JsonNode contact = get("/api/v1/schema/contacts", marketing).json();
    List<String> names = contact.path("fields").findValuesAsString("apiName");
    assertThat(names).containsExactlyInAnyOrder("firstName", "lastName", "email");
    assertThat(contact.path("fields").get(0).path("access").asString()).isEqualTo("edit");
    List<String> objects = get("/api/v1/schema", marketing).json().path("items").findValuesAsString("collection");
    assertThat(objects).containsExactlyInAnyOrder("contacts", "companies");
    get("/api/v1/schema/deals", marketing).problem(404, "not-found");

    JsonNode adminView = get("/api/v1/schema/contact", admin).json();
    JsonNode birthDate = null;
    for (JsonNode f : adminView.path("fields")) {
      if (f.path("apiName").asString().equals("birthDate")) {
        birthDate = f;
      }
    }
    assertThat(birthDate).isNotNull();
    assertThat(birthDate.path("classification").asString()).isEqualTo("sensitive");
    assertThat(birthDate.path("type").asString()).isEqualTo("date");
    assertThat(birthDate.path("purposes").isArray()).isTrue();
  }
}
