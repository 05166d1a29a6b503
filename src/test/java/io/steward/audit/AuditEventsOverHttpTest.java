package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.api.ApiTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every kind of event the audit issue names, produced the way a user would produce it, and what the event holds. */
class AuditEventsOverHttpTest extends ApiTestBase {

  @Autowired AuditQueries queries;
  @Autowired JdbcClient jdbc;

  private List<StoredAuditEvent> events(String action, String actor) {
    return queries.find(AuditFilter.all().actions(action).actor(actor), 0, 50).items();
  }

  private static final String MARKER_NAME = "Quxbrindle";
  private static final String MARKER_EMAIL = "quxbrindle.marker@example.test";

  @Test
  void recordLifecycleReadsAndRevealsAreRecordedWithoutPersonalValues() {
    TestUser admin = users.withRole("admin");
    String actor = admin.id().toString();

    String id = call(HttpMethod.POST, "/api/v1/contacts", admin,
        Map.of("firstName", MARKER_NAME, "lastName", "Marker", "email", MARKER_EMAIL, "status", "lead", "birthDate", "1970-07-07")).text("id");
    get("/api/v1/contacts/" + id, admin);
    get("/api/v1/contacts?q=quxb", admin);
    call(HttpMethod.POST, "/api/v1/contacts/" + id + "/reveal", admin, Map.of("field", "birthDate", "reason", "verifying age for an event"));
    call(HttpMethod.PATCH, "/api/v1/contacts/" + id, admin, Map.of("status", "customer", "jobTitle", "Chief Marker"));
    call(HttpMethod.DELETE, "/api/v1/contacts/" + id, admin, null);

    assertThat(events("record.create", actor)).anySatisfy(e -> assertThat(e.event().recordIds()).containsExactly(id));
    assertThat(events("record.read", actor)).anySatisfy(e -> {
      assertThat(e.event().recordIds()).containsExactly(id);
      assertThat(e.event().fields()).contains("firstName", "email");
      assertThat(e.event().ip()).isNotBlank();
      assertThat(e.event().requestId()).isNotBlank();
    });
    assertThat(events("record.list", actor)).anySatisfy(e -> assertThat(e.event().recordIds()).contains(id));
    assertThat(events("record.reveal", actor)).anySatisfy(e -> {
      assertThat(e.event().fields()).containsExactly("birthDate");
      assertThat(e.event().reason()).isEqualTo("verifying age for an event");
    });
    assertThat(events("record.update", actor)).anySatisfy(e -> {
      assertThat(e.event().details()).containsEntry("status", "lead -> customer");
      assertThat(e.event().details()).doesNotContainKey("jobTitle");
      assertThat(e.event().fields()).contains("jobTitle");
    });
    assertThat(events("record.delete", actor)).anySatisfy(e -> assertThat(e.event().recordIds()).containsExactly(id));

    String everything = String.join("\n", jdbc.sql("select concat_ws('|', action, actor_id, object_type, reason, details) from audit_event")
        .query(String.class).list());
    assertThat(everything).doesNotContainIgnoringCase(MARKER_NAME).doesNotContainIgnoringCase(MARKER_EMAIL).doesNotContain("1970-07-07");
  }

  @Test
  void aReadThatShowsNoPersonalFieldIsNotRecordedByDefault() {
    TestUser admin = users.withRole("admin");
    String companyId = call(HttpMethod.POST, "/api/v1/companies", admin, Map.of("name", "Synthetic Gadgets Ltd", "industry", "retail")).text("id");

    get("/api/v1/companies/" + companyId, admin);
    get("/api/v1/companies?size=200", admin);

    assertThat(queries.find(AuditFilter.all().actions(AuditActions.RECORD_READ, AuditActions.RECORD_LIST).record(companyId), 0, 50).items())
        .as("a company's fields are public or internal").isEmpty();
    assertThat(events("record.create", admin.id().toString())).anySatisfy(e -> assertThat(e.event().recordIds()).containsExactly(companyId));
  }

  @Test
  void signInFailureSignOutAndTokensAreRecorded() {
    TestUser sales = users.withRole("sales");
    WebSession browser = new WebSession(url(""));
    browser.signIn(sales.email(), "wrong password entirely");
    browser.signIn(sales.email(), TestUsers.PASSWORD);
    browser.get("/settings/tokens");
    browser.post("/settings/tokens", Map.of("name", "reporting", "expiresIn", "7d"));
    browser.post("/logout", Map.of());
    String tokenId = get("/api/v1/me/tokens", sales).json().path("items").get(0).path("id").asString();
    call(HttpMethod.DELETE, "/api/v1/me/tokens/" + tokenId, sales, null);

    String actor = sales.id().toString();
    assertThat(events("auth.sign-in-failed", actor)).anySatisfy(e -> assertThat(e.event().details()).containsEntry("reason", "bad-credentials"));
    assertThat(events("auth.sign-in", actor)).isNotEmpty();
    assertThat(events("auth.sign-out", actor)).isNotEmpty();
    assertThat(events("auth.token-created", actor)).isNotEmpty();
    assertThat(events("auth.token-revoked", actor)).isNotEmpty();
    assertThat(String.join(" ", jdbc.sql("select concat_ws('|', details, reason) from audit_event").query(String.class).list()))
        .doesNotContain("wrong password entirely");
  }

  @Test
  void denialsRefusalsGrantsImportsAndExportsAreRecorded() {
    TestUser admin = users.withRole("admin");
    TestUser support = users.withRole("support");
    TestUser target = users.withRole("sales");

    call(HttpMethod.POST, "/api/v1/deals", support, Map.of("name", "Not mine", "stage", "proposal"));
    call(HttpMethod.POST, "/api/v1/companies", admin, Map.of("name", "Pay 4111 1111 1111 1111"));
    call(HttpMethod.POST, "/api/v1/users/" + target.id() + "/grants", admin, Map.of("role", "support", "reason", "cover"));
    get("/api/v1/companies/export", admin);

    assertThat(events("access.denied", support.id().toString())).anySatisfy(e -> assertThat(e.event().outcome()).isEqualTo("denied"));
    assertThat(events("guard.refused", admin.id().toString())).anySatisfy(e -> {
      assertThat(e.event().details()).containsEntry("detector", "payment-card");
      assertThat(e.event().fields()).containsExactly("name");
    });
    assertThat(events("admin.grant", admin.id().toString())).anySatisfy(e -> assertThat(e.event().recordIds()).contains(target.id().toString()));
    assertThat(events("data.export", admin.id().toString())).isNotEmpty();
    // Ids and times are random digits that may hold "4111" by chance (a token's expiry at 15:09:44.341110522Z did);
    // they are masked so that the check still finds any fragment of the card number in what the events say.
    String said = String.join(" ", jdbc.sql("select concat_ws('|', details, reason) from audit_event").query(String.class).list())
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
        .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<time>");
    assertThat(said).contains("<id>").doesNotContain("4111");
  }

  @Test
  void auditorsSearchExportAndVerifyAndTheExportIsAudited() {
    TestUser admin = users.withRole("admin");
    TestUser sales = users.withRole("sales");

    Reply search = get("/api/v1/audit/events?actor=" + admin.id(), admin);
    Reply export = get("/api/v1/audit/export?format=json", admin);
    Reply verify = call(HttpMethod.POST, "/api/v1/audit/verify", admin, null);

    assertThat(search.status()).isEqualTo(200);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().lines().count()).isPositive();
    assertThat(verify.json().path("ok").asBoolean()).as(verify.body()).isTrue();
    assertThat(events("audit.export", admin.id().toString())).isNotEmpty();
    assertThat(get("/api/v1/audit/events", sales).status()).isEqualTo(403);
  }

  @Test
  void recordPageShowsItsAccessHistory() {
    TestUser admin = users.withRole("admin");
    String id = call(HttpMethod.POST, "/api/v1/contacts", admin, Map.of("firstName", "Hist", "lastName", "Ory")).text("id");
    get("/api/v1/contacts/" + id, admin);
    WebSession browser = users.signedIn(url(""), admin);

    WebSession.Page page = browser.get("/o/contacts/" + id + "/access");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("record.read").contains("record.create").contains(admin.id().toString());
  }
}
