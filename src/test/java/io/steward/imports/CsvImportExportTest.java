package io.steward.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.api.ApiTestBase;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.testsupport.TestUsers.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class CsvImportExportTest extends ApiTestBase {

  @Autowired AuditQueries auditQueries;

  private Reply importCsv(TestUser user, String collection, String csv, boolean dryRun) {
    HttpHeaders h = user.bearer();
    h.setContentType(MediaType.parseMediaType("text/csv"));
    return raw(HttpMethod.POST, "/api/v1/" + collection + "/import?dryRun=" + dryRun, h, csv);
  }

  @Test
  void importsGoodRowsAndReportsBadOnesByRowAndFieldWithoutValues() {
    TestUser admin = users.withRole("admin");
    String csv = """
        First name,lastName,email,favouriteColour
        Imogen,Importer,imogen.import@example.test,blue
        Card,Holder,card@example.test,4111 1111 1111 1111
        Bad,Email,not-an-email,green
        Ian,Importer,ian.import@example.test,
        """;

    Reply r = importCsv(admin, "contacts", csv, false);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("rows").asLong()).isEqualTo(4);
    assertThat(r.json().path("unknownColumns").get(0).asString()).isEqualTo("favouriteColour");
    assertThat(r.json().path("imported").asLong()).isEqualTo(3);
    assertThat(r.json().path("errors").get(0).path("row").asLong()).isEqualTo(4);
    assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
    assertThat(r.body()).doesNotContain("not-an-email");
    assertThat(get("/api/v1/contacts?email=ian.import@example.test", admin).json().path("total").asLong()).isEqualTo(1);
  }

  @Test
  void cardNumberInAnImportedRowIsRefusedAndNeverEchoed() {
    TestUser admin = users.withRole("admin");
    Reply r = importCsv(admin, "contacts", "firstName,lastName,jobTitle\nPay,Me,card 4111 1111 1111 1111\n", false);

    assertThat(r.json().path("imported").asLong()).isZero();
    assertThat(r.json().path("errors").get(0).path("code").asString()).isEqualTo("prohibited:payment-card");
    assertThat(r.body()).doesNotContain("4111");
  }

  @Test
  void dryRunStoresNothing() {
    TestUser admin = users.withRole("admin");
    long before = get("/api/v1/companies", admin).json().path("total").asLong();

    Reply r = importCsv(admin, "companies", "name\nDry Run Ltd\n", true);

    assertThat(r.json().path("errors").size()).isZero();
    assertThat(get("/api/v1/companies", admin).json().path("total").asLong()).isEqualTo(before);
  }

  @Test
  void exportCarriesOnlyWhatTheRoleMayExportAndIsAudited() {
    TestUser admin = users.withRole("admin");
    TestUser marketing = users.withRole("marketing");
    importCsv(admin, "contacts", "firstName,lastName,email,phone,birthDate\nExa,Port,exa.port@example.test,+1 555 0100,1980-01-01\n", false);

    Reply asMarketing = get("/api/v1/contacts/export?email=exa.port@example.test", marketing);
    Reply asAdmin = get("/api/v1/contacts/export?email=exa.port@example.test", admin);

    assertThat(asMarketing.status()).isEqualTo(200);
    assertThat(asMarketing.body().lines().findFirst().orElseThrow()).isEqualTo("id,firstName,lastName,email");
    assertThat(asMarketing.body()).contains("exa.port@example.test").doesNotContain("555 0100").doesNotContain("1980-01-01");
    assertThat(asAdmin.body()).contains("1980-01-01");
    assertThat(auditQueries.find(AuditFilter.all().actions("data.export").actor(marketing.id().toString()), 0, 10).items())
        .isNotEmpty();
  }

  @Test
  void exportNeedsTheExportPermission() {
    TestUser sales = users.withRole("sales");
    assertThat(get("/api/v1/contacts/export", sales).status()).isEqualTo(403);
  }

  @Test
  void formulaCellsAreNeutralised() {
    assertThat(CsvExport.cell("=HYPERLINK(\"http://x\")")).startsWith("'=");
    assertThat(CsvExport.cell("+1 555 0100")).isEqualTo("'+1 555 0100");
    assertThat(CsvExport.cell("plain")).isEqualTo("plain");
  }
}
