package io.steward.audit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditProperties;
import io.steward.audit.AuditTrail;
import io.steward.audit.AuditUnavailableException;
import io.steward.audit.AuditVerifier;
import io.steward.crypto.KeyRing;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AuditConfigurationTest {

  @TempDir
  Path dir;

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AuditProperties.class)
  static class Properties {}

  private ApplicationContextRunner runner(DataSource dataSource) {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, AuditConfiguration.class)
        .withBean(DataSource.class, () -> dataSource)
        .withBean(KeyRing.class, KeyRing::inMemory)
        .withPropertyValues(
            "steward.audit.checkpoint-file=" + dir.resolve("cp/checkpoints.jsonl"),
            "steward.audit.checkpoint-every=5",
            "steward.audit.retention=3y",
            "steward.audit.siem.file=" + dir.resolve("siem.jsonl"));
  }

  @Test
  void contextStartsTheWriterAndClosingDrainsIt() {
    DataSource dataSource = TestDatabases.migrated(Kind.H2);
    AuditTrail[] kept = new AuditTrail[1];

    runner(dataSource).run(context -> {
      AuditProperties properties = context.getBean(AuditProperties.class);
      assertThat(properties.retention()).isEqualTo(Period.ofYears(3));
      assertThat(properties.checkpointEvery()).isEqualTo(5);
      assertThat(properties.siem().fileEnabled()).isTrue();
      AuditTrail trail = context.getBean(AuditTrail.class);
      kept[0] = trail;
      for (int i = 0; i < 7; i++) {
        trail.record(new AuditEvent(Instant.now(), AuditActions.RECORD_READ, "u-1", "contact", List.of("r-" + i), List.of(), null, null, null, null,
            null, Map.of()));
      }
      assertThat(context.getBean(AuditVerifier.class).verify().ok()).isTrue();
    });

    assertThat(Files.exists(dir.resolve("cp/checkpoints.jsonl"))).isTrue();
    assertThatThrownBy(() -> kept[0].record(new AuditEvent(Instant.now(), AuditActions.SIGN_OUT, "u-1", null, null, null, null, null, null, null,
        null, null))).isInstanceOf(AuditUnavailableException.class);
  }
}
