package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.records.RecordJobs;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Schema administration over REST: fields, objects, purposes, inventory and YAML, with problem details for every refusal. */
class SchemaAdminApiTest extends AppTestBase {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired RecordService records;
  @Autowired RecordJobs jobs;
  @Autowired Principals principals;

  TestUser admin;

  @BeforeEach
  void admin() {
    admin = users.withRole("admin");
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    JsonNode problem(int expected, String slug) {
      assertThat(status).as(body).isEqualTo(expected);
      assertThat(contentType).startsWith("application/problem+json");
      assertThat(json().path("type").asString()).isEqualTo("https://steward.dev/problems/" + slug);
      assertThat(json().path("detail").asString()).isNotBlank();
      return json();
    }
  }

  Reply call(HttpMethod method, String path, TestUser user, String body, String contentType) {
    HttpHeaders h = user.bearer();
    if (body != null) {
      h.setContentType(MediaType.parseMediaType(contentType));
    }
    ResponseEntity<String> r = http.exchange(url(path), method, new HttpEntity<>(body, h), String.class);
    return new Reply(r.getStatusCode().value(), r.getHeaders().getContentType() == null ? "" : r.getHeaders().getContentType().toString(),
        r.getBody());
  }

  Reply json(HttpMethod method, String path, TestUser user, Object body) {
    return call(method, path, user, JSON.writeValueAsString(body), "application/json");
  }

  @Test
  void addsAFieldAndRefusesAnInvalidPatternAsAProblem() {
    Reply added = json(HttpMethod.POST, "/api/v1/admin/schema/objects/contact/fields", admin, Map.of("apiName", "loyaltyTier", "label",
        "Loyalty tier", "type", "picklist", "classification", "internal", "purposes", List.of("sales"), "options", List.of("gold", "silver"),
        "searchMode", "exact"));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().path("type").asString()).isEqualTo("picklist");

    Reply bad = json(HttpMethod.POST, "/api/v1/admin/schema/objects/contact/fields", admin, Map.of("apiName", "code", "label", "Code",
        "type", "text", "classification", "internal", "purposes", List.of("sales"), "pattern", "(unclosed"));
    JsonNode problem = bad.problem(422, "validation-failed");
    assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("pattern");

    Reply changed = json(HttpMethod.PATCH, "/api/v1/admin/schema/objects/contact/fields/loyaltyTier", admin, Map.of("helpText", "Set by billing"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().path("options").size()).isEqualTo(2);
    Reply history = call(HttpMethod.GET, "/api/v1/admin/schema/objects/contact/fields/loyaltyTier/history", admin, null, null);
    assertThat(history.json().size()).isEqualTo(2);
  }

  @Test
  void onlySchemaAdministratorsAndOnlyWellFormedBodies() {
    TestUser seller = users.withRole("sales");
    json(HttpMethod.POST, "/api/v1/admin/schema/objects/contact/fields", seller, Map.of("apiName", "x", "label", "X", "type", "text",
        "classification", "internal", "purposes", List.of("sales"))).problem(403, "forbidden");
    call(HttpMethod.POST, "/api/v1/admin/schema/objects/contact/fields", admin, "{not json", "application/json").problem(400, "malformed-body");
    json(HttpMethod.POST, "/api/v1/admin/schema/objects/contact/fields", admin, Map.of("apiName", "x", "colour", "red"))
        .problem(400, "malformed-body");
    json(HttpMethod.POST, "/api/v1/admin/schema/objects/nothing/fields", admin, Map.of()).problem(404, "not-found");
  }

  @Test
  void createsACustomObjectWithARelationAndRetiresAFieldOnlyWithAnExplicitChoice() throws Exception {
    Reply created = json(HttpMethod.POST, "/api/v1/admin/schema/objects", admin, Map.of("apiName", "ticket", "label", "Ticket",
        "pluralLabel", "Tickets", "defaultPurposes", List.of("support"), "titleFields", List.of("subject"), "fields", List.of(
            Map.of("apiName", "subject", "label", "Subject", "type", "text", "classification", "internal", "required", true,
                "purposes", List.of("support"), "searchMode", "prefix", "sortable", true),
            Map.of("apiName", "requester", "label", "Requester", "type", "relation", "relationTarget", "contact", "classification", "internal",
                "purposes", List.of("support")),
            Map.of("apiName", "notes", "label", "Notes", "type", "long-text", "classification", "personal", "purposes", List.of("support")))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("collection").asString()).isEqualTo("ticket");

    Principal p = principals.resolve(admin.id(), RequestInfo.NONE).orElseThrow();
    RecordView t = records.create(p, "ticket", Map.of("subject", "Printer on fire", "notes", "Customer is upset"));
    assertThat(t.purposes()).containsExactly("support");

    json(HttpMethod.POST, "/api/v1/admin/schema/objects/ticket/fields/notes/retire", admin, Map.of()).problem(422, "validation-failed");
    Reply retired = json(HttpMethod.POST, "/api/v1/admin/schema/objects/ticket/fields/notes/retire", admin, Map.of("eraseValues", true));
    assertThat(retired.json().path("retired").asBoolean()).isTrue();
    assertThat(jobs.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(records.get(p, "ticket", t.id()).value("notes")).isNull();
    Reply recent = call(HttpMethod.GET, "/api/v1/admin/schema/jobs", admin, null, null);
    assertThat(recent.body()).contains("ERASE", "notes");

    Reply purposes = call(HttpMethod.GET, "/api/v1/ticket/" + t.id() + "/purposes", admin, null, null);
    assertThat(purposes.json().path("items").get(0).path("basis").asString()).isEqualTo("contract");
  }

  @Test
  void purposesInventoryAndYamlRoundTrip() {
    Reply defined = json(HttpMethod.POST, "/api/v1/admin/schema/purposes", admin, Map.of("name", "research", "label", "Research",
        "defaultBasis", "consent", "servedBy", List.of("contact.email")));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    json(HttpMethod.POST, "/api/v1/admin/schema/purposes", admin, Map.of("name", "x", "label", "X", "defaultBasis", "whim"))
        .problem(400, "malformed-body");

    Reply inventory = call(HttpMethod.GET, "/api/v1/admin/inventory", admin, null, null);
    assertThat(inventory.status()).isEqualTo(200);
    JsonNode contact = null;
    for (JsonNode o : inventory.json().path("objects")) {
      if (o.path("apiName").asString().equals("contact")) {
        contact = o;
      }
    }
    assertThat(contact).isNotNull();
    assertThat(contact.path("fields").toString()).contains("birthDate", "sensitive", "readers");

    Reply yaml = call(HttpMethod.GET, "/api/v1/admin/schema/export", admin, null, null);
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(yaml.body()).contains("name: research");
    String edited = yaml.body().replace("label: Research", "label: Research panel");
    Reply dryRun = call(HttpMethod.POST, "/api/v1/admin/schema/import?dryRun=true", admin, edited, "application/yaml");
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.json().path("applied").asBoolean()).isFalse();
    assertThat(dryRun.json().path("changes").get(0).path("kind").asString()).isEqualTo("change-purpose");
    Reply applied = call(HttpMethod.POST, "/api/v1/admin/schema/import?dryRun=false", admin, edited, "application/yaml");
    assertThat(applied.json().path("applied").asBoolean()).isTrue();
    assertThat(call(HttpMethod.GET, "/api/v1/admin/schema/purposes", admin, null, null).body()).contains("Research panel");
    call(HttpMethod.POST, "/api/v1/admin/schema/import?dryRun=true", admin, "format: other\n", "application/yaml")
        .problem(422, "validation-failed");
  }
}
