package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.api.ApiTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code steward.audit.all-reads} every record shown reaches the trail, with the protected fields it showed — also
 * a company, whose fields are all public or internal. (By default such a read is not recorded: {@link
 * AuditEventsOverHttpTest#aReadThatShowsNoPersonalFieldIsNotRecordedByDefault}.)
 */
@TestPropertySource(properties = "steward.audit.all-reads=true")
class AllReadsAuditTest extends ApiTestBase {

  @Autowired AuditQueries queries;

  @Test
  void everyRecordShownIsRecordedWithTheProtectedFieldsItShowed() {
    TestUser admin = users.withRole("admin");
    String companyId = call(HttpMethod.POST, "/api/v1/companies", admin, Map.of("name", "Synthetic Widgets Ltd", "industry", "retail")).text("id");
    String contactId = call(HttpMethod.POST, "/api/v1/contacts", admin, Map.of("firstName", "Test", "lastName", "Reader", "email", "reader@example.test"))
        .text("id");

    get("/api/v1/companies/" + companyId, admin);
    get("/api/v1/companies?size=200", admin);
    get("/api/v1/contacts/" + contactId, admin);

    List<AuditEvent> reads = queries.find(AuditFilter.all().actions(AuditActions.RECORD_READ, AuditActions.RECORD_LIST).actor(admin.id().toString()),
        0, 50).items().stream().map(StoredAuditEvent::event).toList();
    assertThat(reads).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditActions.RECORD_READ);
      assertThat(e.objectType()).isEqualTo("company");
      assertThat(e.recordIds()).containsExactly(companyId);
      assertThat(e.fields()).as("a company shows no protected field").isEmpty();
    });
    assertThat(reads).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditActions.RECORD_LIST);
      assertThat(e.recordIds()).contains(companyId);
    });
    assertThat(reads).anySatisfy(e -> {
      assertThat(e.recordIds()).containsExactly(contactId);
      assertThat(e.fields()).contains("firstName", "email");
    });
  }
}
