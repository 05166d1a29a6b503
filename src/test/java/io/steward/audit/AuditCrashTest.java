package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.crypto.KeyRing;
import io.steward.crypto.local.PassphraseKeyFile;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A process killed mid-load loses no acknowledged event, and what it left behind verifies. */
class AuditCrashTest {

  private static final int ACKS_BEFORE_KILL = 400;

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedEventSurvivesAKilledProcess() throws Exception {
    String url = TestDatabases.freshUrl(Kind.POSTGRES);
    DataSource dataSource = TestDatabases.dataSource(url);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    Path keyFile = dir.resolve("keys/steward-keys.json");
    String passphrase = "crash test passphrase, long enough";
    KeyRing keys = new KeyRing(new PassphraseKeyFile(keyFile, passphrase.toCharArray()));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AuditCrashChild.class.getName(),
        url, keyFile.toString(), passphrase, dir.toString())
        .redirectError(dir.resolve("child-stderr.txt").toFile())
        .start();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            acknowledged.add(line.substring(4));
            enough.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the child died mid-line
      }
    });
    reader.start();

    assertThat(enough.await(60, TimeUnit.SECONDS)).as("the child acknowledged events").isTrue();
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    reader.join(5000);

    List<String> stored = JdbcClient.create(dataSource).sql("select request_id from audit_event").query(String.class).list();
    assertThat(new HashSet<>(stored)).containsAll(Set.copyOf(acknowledged));
    assertThat(stored.size()).isGreaterThanOrEqualTo(acknowledged.size());
    try (Audit audit = Audit.create(dataSource, keys, AuditProperties.defaults(dir.toString()))) {
      VerificationReport report = audit.verifier().verify();
      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.eventsChecked()).isEqualTo(stored.size());
      assertThat(report.checkpointsInFile()).isPositive();
    }
  }
}
