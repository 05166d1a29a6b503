package io.steward.monitoring;

import static io.steward.monitoring.RuleFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditActions;
import io.steward.monitoring.rules.Finding;
import io.steward.monitoring.rules.UserFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unusual hours, new networks, dormant accounts, vendors and API tokens, on event time the test controls. */
class ContextRulesTest {

  @Test
  void readingAtThreeInTheMorningIsFlaggedAfterTheLearningPeriodOnly() {
    RuleFixture early = new RuleFixture();
    early.ordinaryDays(2, 2);
    early.now = early.now.plus(Duration.ofHours(18)); // 03:00
    List<Finding> learning = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      learning.addAll(early.list(1));
    }
    assertThat(rules(learning)).as("two days are not a habit yet").doesNotContain(Rule.OFF_HOURS);

    RuleFixture f = new RuleFixture();
    f.ordinaryDays(8, 2);
    f.now = f.now.plus(Duration.ofHours(18));
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      all.addAll(f.list(1));
      f.advance(Duration.ofSeconds(30));
    }
    assertThat(rules(all)).containsExactly(Rule.OFF_HOURS);
  }

  @Test
  void aNewNetworkFollowedByHeavyReadingIsFlagged() {
    RuleFixture f = new RuleFixture();
    f.ordinaryDays(8, 1);
    f.ip = "203.0.113.50";
    List<Finding> all = new ArrayList<>();
    all.addAll(f.event(AuditActions.SIGN_IN, List.of(), null));
    for (int i = 0; i < 6; i++) {
      all.addAll(f.list(10));
      f.advance(Duration.ofMinutes(3));
    }
    assertThat(rules(all)).containsExactly(Rule.NEW_NETWORK_READ);
  }

  @Test
  void theSameNetworkNextDoorIsNotNew() {
    RuleFixture f = new RuleFixture();
    f.ordinaryDays(3, 1);
    f.ip = "198.51.100.200";
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.addAll(f.list(10));
      f.advance(Duration.ofMinutes(3));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void ipv6AddressesCompareByTheirSlash48() {
    assertThat(io.steward.monitoring.baseline.NetworkPrefix.of("2001:db8:1234:5678::1")).isEqualTo("2001:db8:1234::/48");
    assertThat(io.steward.monitoring.baseline.NetworkPrefix.of("2001:db8:1234:ffff::9")).isEqualTo("2001:db8:1234::/48");
    assertThat(io.steward.monitoring.baseline.NetworkPrefix.of("192.0.2.77")).isEqualTo("192.0.2.0/24");
  }

  @Test
  void aDormantAccountWakingUpIsFlaggedOnce() {
    RuleFixture f = new RuleFixture();
    f.ordinaryDays(2, 1);
    f.advance(Duration.ofDays(45));
    assertThat(rules(f.request())).containsExactly(Rule.DORMANT_WAKE);
    f.advance(Duration.ofMinutes(1));
    assertThat(f.request()).isEmpty();
    assertThat(f.list(1)).isEmpty();
  }

  @Test
  void anOldAccountsFirstActivityCountsAsWakingUp() {
    RuleFixture f = new RuleFixture(new UserFacts(false, Instant.parse("2026-06-01T09:00:00Z")));
    assertThat(rules(f.request())).containsExactly(Rule.DORMANT_WAKE);
  }

  @Test
  void vendorOutsideVendorHoursIsFlagged() {
    RuleFixture f = new RuleFixture(new UserFacts(true, Instant.parse("2026-10-30T09:00:00Z")));
    assertThat(f.request()).as("10:00 UTC is within 07-19").isEmpty();
    f.now = Instant.parse("2026-11-02T22:30:00Z");
    List<Finding> late = f.request();
    assertThat(rules(late)).containsExactly(Rule.VENDOR_OUTSIDE);
    assertThat(late.get(0).summary()).contains("22:30");
  }

  @Test
  void vendorFromANewNetworkIsFlaggedWithinHours() {
    RuleFixture f = new RuleFixture(new UserFacts(true, Instant.parse("2026-10-30T09:00:00Z")));
    f.request();
    f.advance(Duration.ofHours(1));
    f.ip = "192.0.2.10";
    assertThat(rules(f.request())).containsExactly(Rule.VENDOR_OUTSIDE);
  }

  @Test
  void apiTokenFromANewNetworkIsFlaggedOncePerNetworkAfterTheLearningPeriod() {
    RuleFixture f = new RuleFixture();
    f.ordinaryDays(3, 1);
    f.ip = "192.0.2.10";
    assertThat(f.request()).as("still learning where this person works").isEmpty();
    f.ip = "198.51.100.7";
    f.ordinaryDays(5, 1);
    f.ip = "203.0.113.10";
    assertThat(rules(f.request())).containsExactly(Rule.TOKEN_NEW_NETWORK);
    f.advance(Duration.ofMinutes(30));
    f.ip = "203.0.113.11";
    assertThat(f.request()).as("same /24").isEmpty();
    f.ip = "192.0.2.99";
    assertThat(f.request()).as("learned during the first week").isEmpty();
  }
}
