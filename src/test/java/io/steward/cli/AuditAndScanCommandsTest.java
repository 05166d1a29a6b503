package io.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Principal;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.records.RecordService;
import io.steward.testsupport.AppTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditAndScanCommandsTest extends AppTestBase {

  @Autowired ApplicationContext context;
  @Autowired RecordService records;
  @Autowired ProhibitedDataGuard guard;
  @Autowired JdbcClient jdbc;

  private final CommandCatalog catalog = CommandCatalog.scan("io.steward");

  private record Run(int code, String out) {}

  private Run run(String... line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Cli.execute(context, catalog.match(List.of(line)).orElseThrow(), new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void scanPrintsRecordAndFieldButNeverTheValue() {
    guard.disable("payment-card");
    var c = records.create(Principal.system(), "company", Map.of("name", "Legacy 4111 1111 1111 1111 Ltd"));
    guard.enable("payment-card");

    Run r = run("scan");

    assertThat(r.code()).isEqualTo(CliCommand.FAILURE);
    assertThat(r.out()).contains(c.id().toString() + "\tname\tpayment-card").doesNotContain("4111");
  }

  @Test
  void auditVerifyPassesOnAnIntactTrailAndFailsOnATamperedOne() {
    records.create(Principal.system(), "company", Map.of("name", "Audited Ltd"));
    Run ok = run("audit", "verify");
    assertThat(ok.code()).as(ok.out()).isZero();

    jdbc.sql("update audit_event set actor_id = 'someone-else' where seq = (select max(seq) from audit_event)").update();
    Run broken = run("audit", "verify");

    assertThat(broken.code()).isEqualTo(CliCommand.FAILURE);
    assertThat(broken.out()).contains("was changed");
  }
}
