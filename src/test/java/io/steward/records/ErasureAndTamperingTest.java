package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.crypto.SealBrokenException;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an attacker or a bad restore can do with database access alone: move ciphertext or wrapped keys between
 * records, or bring back an erased record from a backup of the record tables. None of it yields a value.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureAndTamperingTest extends AppTestBase {

  @Autowired RecordService records;
  @Autowired JdbcClient jdbc;
  @Autowired Principals principals;

  TestUser adminUser;
  Principal admin;

  @BeforeEach
  void admin() {
    adminUser = users.withRole("admin");
    admin = principals.resolve(adminUser.id(), RequestInfo.NONE).orElseThrow().withMfaAt(java.time.Instant.now()); // as after a fresh second factor
  }

  private final List<RecordView> created = new java.util.ArrayList<>();

  private RecordView contact(String first, String last) {
    RecordView v = records.create(admin, "contact", Map.of("firstName", first, "lastName", last, "birthDate", "1970-01-01"));
    created.add(v);
    return v;
  }

  /** Erasing is the remedy for a record that no longer opens; it also keeps later key rotations in this database complete. */
  @org.junit.jupiter.api.AfterEach
  void eraseWhatWasTamperedWith() {
    for (RecordView v : created) {
      if (jdbc.sql("select count(*) from record where id = :id").param("id", v.id().value()).query(Long.class).single() > 0) {
        records.delete(admin, "contact", v.id());
      }
    }
  }

  @Test
  void personalCiphertextCopiedToAnotherRecordFailsLoudlyWithoutAValue(CapturedOutput output) {
    RecordView a = contact("Amelinda", "Sourcerow");
    RecordView b = contact("Bertrando", "Targetson");
    jdbc.sql("update record set personal = (select personal from record where id = :a) where id = :b")
        .param("a", a.id().value()).param("b", b.id().value()).update();

    assertThatThrownBy(() -> records.get(admin, "contact", b.id()))
        .isInstanceOf(SealBrokenException.class)
        .hasMessageContaining(b.id().toString())
        .hasMessageContaining("does not open")
        .hasMessageNotContaining("Amelinda").hasMessageNotContaining("Bertrando");
    assertThat(output.getAll()).contains("ERROR").contains("The personal data of contact " + b.id() + " does not open")
        .doesNotContain("Amelinda").doesNotContain("Sourcerow");
    assertThat(records.get(admin, "contact", a.id()).value("firstName")).isEqualTo("Amelinda");
  }

  @Test
  void wrappedDataKeyCopiedToAnotherRecordFailsLoudly() {
    RecordView a = contact("Amelinda", "Keysource");
    RecordView b = contact("Bertrando", "Keytarget");
    jdbc.sql("update data_key set wrapped = (select wrapped from data_key where record_id = :a and tier = 'SENSITIVE') "
            + "where record_id = :b and tier = 'SENSITIVE'")
        .param("a", a.id().value()).param("b", b.id().value()).update();

    assertThatThrownBy(() -> records.reveal(admin, "contact", b.id(), "birthDate", "tamper test"))
        .isInstanceOf(SealBrokenException.class)
        .hasMessageContaining("sensitive data of contact " + b.id());
  }

  @Test
  void aRecordThatDoesNotOpenIsAServerErrorPageThatShowsNothingOfIt() throws Exception {
    RecordView a = contact("Amelinda", "Pagesource");
    RecordView b = contact("Bertrando", "Pagetarget");
    jdbc.sql("update record set personal = (select personal from record where id = :a) where id = :b")
        .param("a", a.id().value()).param("b", b.id().value()).update();
    WebSession web = users.signedIn(url(""), adminUser);

    WebSession.Page page = web.get("/o/contacts/" + b.id());

    assertThat(page.status()).isEqualTo(500);
    assertThat(page.body()).contains("Something went wrong").doesNotContain("Amelinda").doesNotContain("Pagesource")
        .doesNotContain("Bertrando").doesNotContain("Pagetarget");
  }

  @Test
  void erasedRecordRestoredFromABackupOfTheRecordTablesDoesNotOpen() {
    RecordView c = contact("Erasmina", "Forgotten");
    UUID id = c.id().value();
    List<Map<String, Object>> backup = jdbc.sql("select * from record where id = :id").param("id", id).query().listOfRows();
    List<Map<String, Object>> indexBackup = jdbc.sql("select * from record_index where record_id = :id").param("id", id).query().listOfRows();

    records.delete(admin, "contact", c.id());
    assertThat(jdbc.sql("select count(*) from data_key where record_id = :id").param("id", id).query(Long.class).single()).isZero();
    for (Map<String, Object> row : backup) {
      restore("record", row);
    }
    for (Map<String, Object> row : indexBackup) {
      restore("record_index", row);
    }

    assertThatThrownBy(() -> records.get(admin, "contact", c.id()))
        .isInstanceOf(SealBrokenException.class)
        .hasMessageContaining("has no data key");
  }

  private void restore(String table, Map<String, Object> row) {
    String columns = String.join(", ", row.keySet());
    String values = String.join(", ", row.keySet().stream().map(k -> ":" + k).toList());
    var spec = jdbc.sql("insert into " + table + " (" + columns + ") values (" + values + ")");
    for (Map.Entry<String, Object> e : row.entrySet()) {
      spec = spec.param(e.getKey(), e.getValue());
    }
    spec.update();
  }

  static class OnPostgresTest extends ErasureAndTamperingTest {
    @DynamicPropertySource
    static void pg(DynamicPropertyRegistry registry) {
      usePostgres(registry);
    }
  }
}
