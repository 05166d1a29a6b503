package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.schema.SchemaRegistry;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.StorageScan;
import io.steward.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Invariant 1 checked the way an attacker would: write every personal and sensitive field (built-in and custom)
 * with a unique marker through the one door, use the records (read, search, reveal, update, list), then export
 * the whole database, read its files and the data folder, the audit trail and the log, and find no marker in any
 * form.
 */
@ExtendWith(OutputCaptureExtension.class)
@org.springframework.test.context.TestPropertySource(properties = "steward.test.instance=raw-storage-scan") // adds custom contact fields
class RawStorageScanTest extends AppTestBase {

  @Autowired RecordService records;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired Principals principals;
  @Autowired SchemaRegistry schema;
  @Value("${steward.data-dir}") Path dataDir;
  @Value("${spring.datasource.url}") String url;

  private static final SecureRandom random = new SecureRandom();

  private static String letters(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + random.nextInt(26)));
    }
    return b.toString();
  }

  private static String digits(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  /** Custom fields added the way the schema admin will add them: rows in field_def, a new schema version. */
  private void addCustomProtectedFields() {
    for (String[] f : new String[][] {{"nickname", "Nickname", "TEXT", "PERSONAL", "EXACT", "90"}, {"healthNote", "Health note", "LONG_TEXT", "SENSITIVE", "NONE", "91"}}) {
      boolean exists = jdbc.sql("select count(*) from field_def where object_type = 'contact' and api_name = :n").param("n", f[0])
          .query(Integer.class).single() > 0;
      if (!exists) {
        jdbc.sql("""
                insert into field_def (object_type, api_name, label, type, classification, required, search_mode, sortable, purposes,
                  max_length, options, position, retired, version, updated_at)
                values ('contact', :api, :label, :type, :classification, false, :search, false, 'sales', 500, '[]', :position, false, 1,
                  current_timestamp)""")
            .param("api", f[0]).param("label", f[1]).param("type", f[2]).param("classification", f[3]).param("search", f[4])
            .param("position", Integer.parseInt(f[5]))
            .update();
      }
    }
    jdbc.sql("update schema_version set version = version + 1 where id = 1").update();
    schema.reload();
  }

  @Test
  void noProtectedValueReachesTheDatabaseItsFilesTheDataFolderTheAuditTrailOrTheLog(CapturedOutput output) throws Exception {
    addCustomProtectedFields();
    Principal admin = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow().withMfaAt(java.time.Instant.now()); // as after a fresh second factor
    List<String> markers = new ArrayList<>();
    Map<String, Object> contact = new LinkedHashMap<>();
    String first = "Zq" + letters(10);
    String last = "Xv" + letters(10);
    String emailLocal = "mk" + letters(12);
    String phoneDigits = "1555" + digits(7);
    String job = "Jb" + letters(10);
    String birth = (1921 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
    String address = "Ad" + letters(12);
    String children = "Ch" + letters(10);
    String nickname = "Nk" + letters(10);
    String health = "Hn" + letters(12);
    contact.put("firstName", first);
    contact.put("lastName", last);
    contact.put("email", emailLocal + "@example.test");
    contact.put("phone", "+" + phoneDigits);
    contact.put("jobTitle", job);
    contact.put("birthDate", birth);
    contact.put("homeAddress", address + " 12, Testville");
    contact.put("children", children);
    contact.put("nickname", nickname);
    contact.put("healthNote", health);
    markers.addAll(List.of(first, last, emailLocal, phoneDigits, job, birth, address, children, nickname, health));
    String body = "Bd" + letters(14);
    markers.add(body);
    String renamed = "Rn" + letters(10);
    markers.add(renamed);

    RecordView c = records.create(admin, "contact", contact);
    records.create(admin, "activity", Map.of("subject", "Call", "kind", "call", "body", body + " said hello", "contact", c.id().toString()));
    records.get(admin, "contact", c.id());
    records.reveal(admin, "contact", c.id(), "healthNote", "checking the scan");
    records.list(admin, "contact", new RecordQuery(Map.of("email", emailLocal + "@example.test"), null, null, 0, 10));
    records.list(admin, "contact", new RecordQuery(Map.of("nickname", nickname), null, null, 0, 10));
    records.list(admin, "contact", new RecordQuery(Map.of(), first.substring(0, 5), "lastName", 0, 10));
    records.update(admin, "contact", c.id(), Map.of("lastName", renamed), null);
    RecordView gone = records.create(admin, "contact", Map.of("firstName", first, "lastName", last + "x"));
    records.delete(admin, "contact", gone.id());
    assertThat(records.get(admin, "contact", c.id()).value("nickname")).isEqualTo(nickname);

    // The control: an internal value is stored in plain, so the scan must find it (or the scan is blind).
    String control = "Ct" + letters(12);
    records.create(admin, "company", Map.of("name", control + " Ltd"));

    List<String> leaks = new ArrayList<>();
    List<String> controlFound = new ArrayList<>();
    String export = export();
    leaks.addAll(StorageScan.leaks("database export", export, markers));
    controlFound.addAll(StorageScan.leaks("database export", export, List.of(control)));
    if (url.startsWith("jdbc:h2:file:")) {
      jdbc.sql("CHECKPOINT SYNC").update(); // H2 writes its file in the background: flush it before reading
    }
    List<Path> fileRoots = new ArrayList<>(List.of(dataDir));
    if (url.startsWith("jdbc:postgresql:")) {
      fileRoots.addAll(StorageScan.postgresFiles(dataSource));
    }
    for (Path root : fileRoots) {
      leaks.addAll(StorageScan.leaksInFiles(root, markers, p -> true));
      controlFound.addAll(StorageScan.leaksInFiles(root, List.of(control), p -> true));
    }
    assertThat(controlFound).as("the scan finds a plain value in the export" + (url.startsWith("jdbc:h2:mem") ? "" : " and the files"))
        .anyMatch(f -> f.startsWith("database export"))
        .anyMatch(f -> url.startsWith("jdbc:h2:mem") || !f.startsWith("database export"));
    String audit = String.join("\n", jdbc.sql("select * from audit_event").query((rs, n) -> {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.append(rs.getString(i)).append('|');
      }
      return row.toString();
    }).list());
    assertThat(audit).contains("record.reveal").contains("healthNote");
    leaks.addAll(StorageScan.leaks("audit trail", audit, markers));
    leaks.addAll(StorageScan.leaks("log output", output.getAll(), markers));

    assertThat(leaks).isEmpty();
  }

  private String export() throws Exception {
    if (url.startsWith("jdbc:h2:")) {
      Path script = Files.createTempFile("steward-script", ".sql");
      try {
        return StorageScan.h2Script(dataSource, script);
      } finally {
        Files.deleteIfExists(script);
      }
    }
    return StorageScan.postgresDump(dataSource);
  }

  static class OnPostgresTest extends RawStorageScanTest {
    @DynamicPropertySource
    static void pg(DynamicPropertyRegistry registry) {
      usePostgres(registry);
    }
  }

  /** The embedded default: an H2 file inside the data folder, read byte by byte with everything else there. */
  static class OnH2FileTest extends RawStorageScanTest {
    @DynamicPropertySource
    static void h2File(DynamicPropertyRegistry registry) throws Exception {
      Path dir = Files.createTempDirectory("steward-scan");
      registry.add("steward.data-dir", dir::toString);
      registry.add("steward.audit.checkpoint-dir", () -> dir.resolve("checkpoints").toString());
      registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("db/steward")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Test
    void theDatabaseFileIsInTheScannedFolder() {
      assertThat(dataDir.resolve("db/steward.mv.db")).exists();
    }
  }
}
