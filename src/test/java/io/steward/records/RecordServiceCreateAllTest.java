package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.audit.AuditActions;
import io.steward.shared.RecordId;
import io.steward.testsupport.AppTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bulk creation: the same checks as one create, one transaction, one audit event for the batch. */
class RecordServiceCreateAllTest extends AppTestBase {

  @Autowired io.steward.audit.AuditQueries auditQueries;

  @Autowired RecordService records;
  @Autowired JdbcClient jdbc;
  @Autowired Principals principals;

  @Test
  void createsEveryRecordAndAuditsTheBatchOnce() {
    Principal admin = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();

    List<RecordId> ids = records.createAll(admin, "contact", List.of(
        Map.of("firstName", "Batchia", "lastName", "Onewell", "email", "batchia@example.test"),
        Map.of("firstName", "Batcho", "lastName", "Twoford")));

    assertThat(ids).hasSize(2);
    assertThat(records.get(admin, "contact", ids.get(0)).value("lastName")).isEqualTo("Onewell");
    String plain = jdbc.sql("select plain from record where id = :id").param("id", ids.get(0).value()).query(String.class).single();
    assertThat(plain).doesNotContain("Onewell");
    var audited = auditQueries.find(io.steward.audit.AuditFilter.all().actions(AuditActions.RECORD_CREATE).record(ids.get(1).toString()), 0, 10)
        .items();
    assertThat(audited).singleElement().satisfies(e -> assertThat(e.event().recordIds()).containsExactly(ids.get(0).toString(), ids.get(1).toString()));
  }

  @Test
  void oneInvalidRecordFailsTheWholeBatch() {
    Principal admin = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    long before = jdbc.sql("select count(*) from record where object_type = 'contact'").query(Long.class).single();

    assertThatThrownBy(() -> records.createAll(admin, "contact", List.of(
        Map.of("firstName", "Valida", "lastName", "Goodley"),
        Map.of("firstName", "Missing last name"))))
        .isInstanceOf(InvalidRecordException.class);

    assertThat(jdbc.sql("select count(*) from record where object_type = 'contact'").query(Long.class).single()).isEqualTo(before);
  }
}
