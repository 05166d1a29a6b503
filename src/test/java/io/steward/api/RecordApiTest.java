package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.TestUsers.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** The record API over HTTP for every built-in object type. {@link RecordApiOnPostgresTest} runs it on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordApiTest extends ApiTestBase {

  /** One built-in object type: how to make its i-th sample (0, 1, 2 sort ascending by sortField), and what to filter and patch. */
  record Kind(String collection, IntFunction<Map<String, Object>> sample, String sortField, String filterField, String patchField,
      Object patchValue) {
    @Override
    public String toString() {
      return collection;
    }
  }

  static final String[] NAMES = {"Alpha", "Bravo", "Charlie"};

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind("contacts", i -> map("firstName", "Ada", "lastName", NAMES[i] + "-Example", "email", "ada" + i + "@example.test",
            "status", "lead"), "lastName", "email", "jobTitle", "Engineer"),
        new Kind("companies", i -> map("name", NAMES[i] + " Example Ltd", "domain", "c" + i + ".example.test", "employees", 10 + i,
            "industry", "software"), "name", "domain", "city", "Springfield"),
        new Kind("deals", i -> map("name", NAMES[i] + " renewal", "stage", i == 1 ? "won" : "proposal", "amount", 1000.5 + i),
            "name", "stage", "amount", 2500.25),
        new Kind("activities", i -> map("subject", NAMES[i] + " call", "kind", "call", "done", i == 1, "dueDate", "2030-01-0" + (i + 1)),
            "subject", "done", "done", true));
  }

  TestUser admin;

  @BeforeAll
  void users() {
    admin = users.withRole("admin");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void createsReadsListsPatchesAndDeletesRecords(Kind kind) {
    TestUser sales = users.withRoleInTeam("sales", "team-" + UUID.randomUUID());
    String base = "/api/v1/" + kind.collection();
    List<JsonNode> created = new ArrayList<>();
    for (int i : new int[] {1, 0, 2}) {
      Reply r = post(base, sales, kind.sample().apply(i));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      assertThat(r.headers().getLocation().getPath()).isEqualTo(base + "/" + r.text("id"));
      assertThat(r.headers().getETag()).isEqualTo("\"1\"");
      assertThat(r.json().path("version").asLong()).isEqualTo(1);
      assertThat(r.json().path(kind.sortField()).asString()).isEqualTo(kind.sample().apply(i).get(kind.sortField()));
      created.add(r.json());
    }
    String id = created.get(1).path("id").asString(); // sample 0

    Reply read = get(base + "/" + id, sales);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.headers().getETag()).isEqualTo("\"1\"");
    assertThat(read.json().path("ownerId").asString()).isEqualTo(sales.id().toString());
    assertThat(read.json().path("masked").isArray()).isTrue();

    Reply firstPage = get(base + "?sort=" + kind.sortField() + "&size=2&page=0", sales);
    assertThat(firstPage.status()).as(firstPage.body()).isEqualTo(200);
    assertThat(firstPage.json().path("total").asLong()).isEqualTo(3);
    assertThat(firstPage.json().path("size").asInt()).isEqualTo(2);
    assertThat(sortValues(firstPage, kind)).containsExactly(value(kind, 0), value(kind, 1));
    Reply secondPage = get(base + "?sort=" + kind.sortField() + "&size=2&page=1", sales);
    assertThat(sortValues(secondPage, kind)).containsExactly(value(kind, 2));
    Reply descending = get(base + "?sort=-" + kind.sortField(), sales);
    assertThat(sortValues(descending, kind)).containsExactly(value(kind, 2), value(kind, 1), value(kind, 0));

    Object filterValue = kind.sample().apply(1).get(kind.filterField());
    Reply filtered = get(base + "?" + kind.filterField() + "=" + filterValue, sales);
    assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
    assertThat(filtered.json().path("total").asLong()).isEqualTo(1);
    assertThat(sortValues(filtered, kind)).containsExactly(value(kind, 1));

    Reply patched = patch(base + "/" + id, sales, map(kind.patchField(), kind.patchValue()), "\"1\"");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.headers().getETag()).isEqualTo("\"2\"");
    assertThat(patched.json().path("version").asLong()).isEqualTo(2);
    assertThat(patched.json().path(kind.patchField()).toString()).isEqualTo(JSON.valueToTree(kind.patchValue()).toString());
    assertThat(patched.json().path(kind.sortField()).asString()).isEqualTo(value(kind, 0)); // untouched by the merge patch

    Reply stale = patch(base + "/" + id, sales, map(kind.patchField(), null), "\"1\"");
    assertThat(stale.problem(409, "conflict").path("currentVersion").asLong()).isEqualTo(2);
    Reply staleInBody = patch(base + "/" + id, sales, map(kind.patchField(), null, "version", 1), null);
    staleInBody.problem(409, "conflict");
    assertThat(get(base + "/" + id, sales).json().path("version").asLong()).isEqualTo(2);

    Reply deleted = delete(base + "/" + id, sales);
    assertThat(deleted.status()).isEqualTo(204);
    get(base + "/" + id, sales).problem(404, "not-found");
    assertThat(get(base, sales).json().path("total").asLong()).isEqualTo(2);
  }

  @Test
  void rendersNumbersAndBooleansAsJsonTypes() {
    Reply deal = post("/api/v1/deals", admin, map("name", "Typed deal", "stage", "proposal", "amount", 1234.5));
    assertThat(deal.json().path("amount").isNumber()).isTrue();
    assertThat(deal.json().path("amount").decimalValue()).isEqualByComparingTo("1234.5");
    Reply activity = post("/api/v1/activities", admin, map("subject", "Typed task", "kind", "task", "done", true));
    assertThat(activity.json().path("done").isBoolean()).isTrue();
  }

  @Test
  void mergePatchNullClearsAFieldAndIgnoresSystemKeys() {
    Reply c = post("/api/v1/contacts", admin, map("firstName", "Grace", "lastName", "Example", "jobTitle", "Admiral"));
    String id = c.text("id");
    Reply r = patch("/api/v1/contacts/" + id, admin, map("jobTitle", null, "id", UUID.randomUUID().toString(),
        "createdAt", "2000-01-01T00:00:00Z", "updatedAt", "2000-01-01T00:00:00Z"), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().has("jobTitle")).isFalse();
    assertThat(r.text("id")).isEqualTo(id);
    assertThat(r.text("createdAt")).isEqualTo(c.text("createdAt"));
  }

  @Test
  void patchAcceptsPlainJsonAndVersionInBody() {
    String id = post("/api/v1/companies", admin, map("name", "Plain Json Ltd")).text("id");
    Reply r = call(HttpMethod.PATCH, "/api/v1/companies/" + id, admin, map("city", "Shelbyville", "version", 1));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.text("city")).isEqualTo("Shelbyville");
  }

  @Test
  void masksSensitiveValuesUntilRevealedWithAReason() {
    TestUser manager = users.withRole("manager");
    Reply c = post("/api/v1/contacts", admin, map("firstName", "Mary", "lastName", "Example", "birthDate", "1990-02-03"));
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    assertThat(c.json().has("birthDate")).isFalse();
    assertThat(c.json().path("masked").toString()).isEqualTo("[\"birthDate\"]");
    String id = c.text("id");
    Reply read = get("/api/v1/contacts/" + id, manager);
    assertThat(read.json().has("birthDate")).isFalse();
    assertThat(read.json().path("masked").toString()).isEqualTo("[\"birthDate\"]");

    Reply revealed = post("/api/v1/contacts/" + id + "/reveal", manager, map("field", "birthDate", "reason", "Verifying identity on a call"));
    assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
    assertThat(revealed.text("birthDate")).isEqualTo("1990-02-03");
    assertThat(revealed.json().path("masked").isEmpty()).isTrue();

    post("/api/v1/contacts/" + id + "/reveal", manager, map("field", "birthDate")).problem(422, "validation-failed");
    TestUser sales = users.withRole("sales");
    Reply refused = post("/api/v1/contacts/" + id + "/reveal", sales, map("field", "birthDate", "reason", "curious"));
    assertThat(refused.problem(403, "forbidden").path("field").asString()).isEqualTo("birthDate");
  }

  @Test
  void typeAheadFindsByNamePrefix() {
    TestUser sales = users.withRoleInTeam("sales", "team-" + UUID.randomUUID());
    post("/api/v1/contacts", sales, map("firstName", "Quentin", "lastName", "Zebulon"));
    post("/api/v1/contacts", sales, map("firstName", "Rita", "lastName", "Example"));
    Reply r = get("/api/v1/contacts?q=zebu", sales);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("total").asLong()).isEqualTo(1);
    assertThat(r.json().path("items").get(0).path("lastName").asString()).isEqualTo("Zebulon");
  }

  @Test
  void reachesObjectTypesByApiNameAsWellAsCollection() {
    String id = post("/api/v1/company", admin, map("name", "Singular Ltd")).text("id");
    assertThat(get("/api/v1/companies/" + id, admin).status()).isEqualTo(200);
    assertThat(get("/api/v1/company/" + id, admin).status()).isEqualTo(200);
  }

  @Test
  void refusesAStaleIfMatchHeaderWithoutWriting() {
    String id = post("/api/v1/companies", admin, map("name", "Concurrent Ltd")).text("id");
    patch("/api/v1/companies/" + id, admin, map("city", "First"), "\"1\"");
    HttpHeaders h = admin.bearer();
    h.setContentType(MediaType.APPLICATION_JSON);
    h.set(HttpHeaders.IF_MATCH, "\"1\"");
    raw(HttpMethod.PATCH, "/api/v1/companies/" + id, h, "{\"city\":\"Second\"}").problem(409, "conflict");
    assertThat(get("/api/v1/companies/" + id, admin).text("city")).isEqualTo("First");
  }

  private static List<String> sortValues(Reply page, Kind kind) {
    List<String> out = new ArrayList<>();
    page.json().path("items").forEach(item -> out.add(item.path(kind.sortField()).asString()));
    return out;
  }

  private static String value(Kind kind, int i) {
    return kind.sample().apply(i).get(kind.sortField()).toString();
  }
}
