package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.StewardApplication;
import io.steward.access.Principal;
import io.steward.records.RecordService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Steward refuses to start when it cannot open its keys (wrong passphrase, key file missing while the database
 * holds encrypted data, damaged key file), says why in the start-up failure report, and changes nothing: the key
 * file and the database are byte-for-byte / row-for-row as they were.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTest {

  private static final String PASSPHRASE = "the right passphrase for this test";

  @TempDir Path dataDir;
  Path keyFile;
  String dbUrl;

  /** Settings as command-line arguments: they outrank application.properties (default properties would not). */
  private ConfigurableApplicationContext start(String passphrase) {
    return new SpringApplicationBuilder(StewardApplication.class).run(
        "--steward.data-dir=" + dataDir,
        "--steward.audit.checkpoint-dir=" + dataDir.resolve("checkpoints"),
        "--steward.crypto.master-passphrase=" + passphrase,
        "--steward.crypto.master-passphrase-file=",
        "--spring.datasource.url=" + dbUrl,
        "--spring.datasource.username=sa",
        "--steward.setup.admin-email=first-admin@staff.example.test",
        "--steward.setup.admin-password=correct horse battery staple",
        "--server.port=0");
  }

  @BeforeEach
  void aStewardWithEncryptedData() {
    keyFile = dataDir.resolve("keys/steward-keys.json");
    dbUrl = "jdbc:h2:file:" + dataDir.resolve("db/steward") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (ConfigurableApplicationContext app = start(PASSPHRASE)) {
      app.getBean(RecordService.class).create(Principal.system(), "contact", Map.of("firstName", "Keyla", "lastName", "Lockwood"));
    }
  }

  private String database() throws Exception {
    try (Connection c = DriverManager.getConnection(dbUrl, "sa", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SCRIPT NOSETTINGS")) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
      return out.toString();
    }
  }

  private void assertRefusedAndUnchanged(String passphrase, String why, CapturedOutput output) throws Exception {
    String dbBefore = database();
    byte[] keysBefore = Files.exists(keyFile) ? Files.readAllBytes(keyFile) : null;

    assertThatThrownBy(() -> start(passphrase).close())
        .hasRootCauseInstanceOf(KeyMaterialException.class)
        .rootCause().hasMessageContaining(why).hasMessageContaining("Steward has changed nothing");

    assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("Steward cannot open its keys: ").contains(why)
        .doesNotContain(passphrase).doesNotContain(PASSPHRASE);
    assertThat(database()).isEqualTo(dbBefore);
    if (keysBefore == null) {
      assertThat(keyFile).doesNotExist();
      assertThat(keyFile.resolveSibling("master.passphrase")).doesNotExist();
    } else {
      assertThat(Files.readAllBytes(keyFile)).isEqualTo(keysBefore);
    }
  }

  @Test
  void wrongPassphrase(CapturedOutput output) throws Exception {
    assertRefusedAndUnchanged("not the passphrase at all", "The master passphrase does not open the key file", output);
  }

  @Test
  void missingKeyFileWhileTheDatabaseHoldsEncryptedData(CapturedOutput output) throws Exception {
    Files.delete(keyFile);

    assertRefusedAndUnchanged(PASSPHRASE, "The database holds encrypted data but there is no key file", output);
  }

  @Test
  void keyFileThatIsNotJson(CapturedOutput output) throws Exception {
    Files.writeString(keyFile, "{\"format\": 1, \"keysets\": ", StandardCharsets.UTF_8);

    assertRefusedAndUnchanged(PASSPHRASE, "cannot be read (it is damaged or not a Steward key file)", output);
  }

  @Test
  void keyFileWithAnAlteredKeyset(CapturedOutput output) throws Exception {
    String json = Files.readString(keyFile);
    int at = json.indexOf("\"personal\" : \"") + 40;
    char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
    Files.writeString(keyFile, json.substring(0, at) + flipped + json.substring(at + 1), StandardCharsets.UTF_8);

    assertRefusedAndUnchanged(PASSPHRASE, "if the file was altered, restore it from your key backup", output);
  }

  @Test
  void theRightPassphraseStillOpensEverything() {
    try (ConfigurableApplicationContext app = start(PASSPHRASE)) {
      var all = app.getBean(RecordService.class).list(Principal.system(), "contact", io.steward.records.RecordQuery.firstPage());
      assertThat(all.items()).extracting(v -> v.value("firstName")).containsExactly("Keyla");
    }
  }
}
