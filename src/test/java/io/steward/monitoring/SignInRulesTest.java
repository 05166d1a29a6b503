package io.steward.monitoring;

import static io.steward.monitoring.RuleFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.monitoring.rules.Finding;
import io.steward.monitoring.rules.SignInWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Password spraying and credential stuffing, by address across accounts. */
class SignInRulesTest {

  private final RuleFixture f = new RuleFixture();
  private final SignInWatch watch = new SignInWatch();
  private Instant now = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void tenAccountsFailingFromOneAddressIsSpraying() {
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.addAll(watch.failed("203.0.113.9", "account-" + i, now, f.context()));
      now = now.plusSeconds(20);
    }
    assertThat(rules(all)).containsExactly(Rule.PASSWORD_SPRAY);
    assertThat(all.get(0).ip()).isEqualTo("203.0.113.9");
    assertThat(all.get(0).userId()).isNull();
  }

  @Test
  void oneAccountMistypedTenTimesIsNotSpraying() {
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.addAll(watch.failed("203.0.113.9", "same-account", now, f.context()));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void failuresSpreadOverHoursAreNotSpraying() {
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      all.addAll(watch.failed("203.0.113.9", "account-" + i, now, f.context()));
      now = now.plus(Duration.ofMinutes(11));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void aSuccessAfterFailuresForFiveAccountsIsCredentialStuffing() {
    for (int i = 0; i < 5; i++) {
      watch.failed("203.0.113.9", "account-" + i, now, f.context());
    }
    UUID victim = UUID.randomUUID();
    List<Finding> found = watch.succeeded("203.0.113.9", victim, now.plusSeconds(30), f.context());
    assertThat(rules(found)).containsExactly(Rule.CREDENTIAL_STUFFING);
    assertThat(found.get(0).userId()).isEqualTo(victim);
    assertThat(watch.succeeded("198.51.100.1", victim, now.plusSeconds(30), f.context())).isEmpty();
  }
}
