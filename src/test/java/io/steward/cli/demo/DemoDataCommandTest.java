package io.steward.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.cli.Cli;
import io.steward.cli.CommandCatalog;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.records.RecordQuery;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.testsupport.AppTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Demo data: made through the record service, deterministic from its seed, sealed at rest, and guard-clean. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "steward.test.context=demo-data") // its own database, so the counts below are exact
class DemoDataCommandTest extends AppTestBase {

  private static final long SEED = 7;

  @Autowired ApplicationContext context;
  @Autowired RecordService records;
  @Autowired JdbcClient jdbc;
  @Autowired ProhibitedDataGuard guard;

  private int exitCode;

  @BeforeAll
  void makeDemoData() {
    CommandCatalog catalog = CommandCatalog.scan("io.steward");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exitCode = Cli.execute(context, catalog.match(List.of("demo-data", "--contacts", "200", "--seed", Long.toString(SEED))).orElseThrow(),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void createsTheExpectedCountsThroughTheRecordService() {
    assertThat(exitCode).isZero();
    assertThat(total("company")).isEqualTo(20);
    assertThat(total("contact")).isEqualTo(200);
    assertThat(total("deal")).isEqualTo(40);
    assertThat(total("activity")).isEqualTo(100);
    List<String> auditedIds = jdbc.sql("select record_ids from audit_event where action = :a and actor_id = 'system'")
        .param("a", AuditActions.RECORD_CREATE).query(String.class).list().stream()
        .flatMap(ids -> java.util.Arrays.stream(ids.split(","))).toList();
    assertThat(auditedIds).hasSize(360).doesNotHaveDuplicates();
  }

  @Test
  void sameSeedGivesTheSameNames() {
    List<String> expected = new ArrayList<>();
    DemoValues again = new DemoValues(SEED);
    for (int i = 0; i < 200; i++) {
      Map<String, Object> c = again.contact(i);
      expected.add(c.get("firstName") + " " + c.get("lastName") + " " + c.get("email"));
    }
    List<String> stored = new ArrayList<>();
    for (int page = 0; page < 2; page++) {
      for (RecordView v : records.list(Principal.system(), "contact", new RecordQuery(Map.of(), null, "lastName", page, 100)).items()) {
        stored.add(v.value("firstName") + " " + v.value("lastName") + " " + v.value("email"));
      }
    }

    assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(new DemoValues(SEED + 1).contact(0)).isNotEqualTo(new DemoValues(SEED).contact(0));
  }

  @Test
  void everyContactWorksAtACompanyAndPersonalValuesAreSealedAtRest() {
    RecordView c = records.list(Principal.system(), "contact", new RecordQuery(Map.of(), null, "lastName", 0, 1)).items().get(0);
    String plain = jdbc.sql("select plain from record where id = :id").param("id", c.id().value()).query(String.class).single();
    byte[] personal = jdbc.sql("select personal from record where id = :id").param("id", c.id().value()).query(byte[].class).single();

    assertThat(c.value("company")).isNotNull();
    assertThat(plain).doesNotContain(c.value("lastName").toString()).doesNotContain("@example");
    assertThat(new String(personal, StandardCharsets.ISO_8859_1)).doesNotContain(c.value("lastName").toString());
    long unsealedContacts = jdbc.sql("select count(*) from record where object_type = 'contact' and personal is null").query(Long.class).single();
    assertThat(unsealedContacts).isZero();
  }

  @Test
  void nothingGeneratedResemblesNeverKeepData() {
    for (long seed : new long[] {SEED, DemoDataCommand.DEFAULT_SEED}) {
      DemoValues v = new DemoValues(seed);
      for (int i = 0; i < 20_000; i++) {
        for (Map<String, Object> m : List.of(v.company(i), v.contact(i), v.deal(i), v.activity(i))) {
          for (Object value : m.values()) {
            String s = String.valueOf(value);
            assertThat(guard.inspect(s)).as("guard on a demo value").isEmpty();
            assertThat(longestDigitRun(s)).as("digits in a row, separators ignored").isLessThan(9);
          }
        }
      }
    }
  }

  /** Digits in a row, counting through spaces, dashes and dots as card and SSN detectors do. */
  static int longestDigitRun(String s) {
    int best = 0;
    Matcher m = Pattern.compile("\\d(?:[ .\\-]?\\d)*").matcher(s);
    while (m.find()) {
      best = Math.max(best, (int) m.group().chars().filter(Character::isDigit).count());
    }
    return best;
  }

  private long total(String type) {
    return records.list(Principal.system(), type, new RecordQuery(Map.of(), null, null, 0, 1)).total();
  }
}
