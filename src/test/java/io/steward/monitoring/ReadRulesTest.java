package io.steward.monitoring;

import static io.steward.monitoring.RuleFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditActions;
import io.steward.monitoring.rules.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mass read, slow exfiltration, enumeration, reveal bursts and large exports, on event time the test controls. */
class ReadRulesTest {

  @Test
  void massReadFiresJustAboveTheFloorForAnAccountWithoutHistory() {
    RuleFixture f = new RuleFixture();
    List<Finding> all = new ArrayList<>();
    int pages = 0;
    while (all.isEmpty() && pages < 20) {
      all.addAll(f.list(25));
      pages++;
      f.advance(Duration.ofSeconds(10));
    }
    assertThat(rules(all)).containsExactly(Rule.MASS_READ);
    assertThat(pages * 25).isBetween(151, 175);
    assertThat(all.get(0).summary()).contains("in 5 minutes").doesNotContain("lastName");
  }

  @Test
  void readingTheSameRecordsAgainIsNotMassReading() {
    RuleFixture f = new RuleFixture();
    List<String> page = List.of(f.newId(), f.newId(), f.newId(), f.newId(), f.newId());
    for (int i = 0; i < 100; i++) {
      assertThat(f.event(AuditActions.RECORD_LIST, page, null)).isEmpty();
      f.advance(Duration.ofSeconds(2));
    }
  }

  @Test
  void massReadLimitRisesWithAHeavyUsersOwnBaseline() {
    RuleFixture f = new RuleFixture();
    // a user who routinely reads 100 records in a 5-minute stretch
    for (int day = 0; day < 5; day++) {
      f.advance(Duration.ofDays(1));
      assertThat(f.list(100)).isEmpty();
      f.advance(Duration.ofMinutes(10));
      assertThat(f.list(1)).isEmpty();
    }
    f.advance(Duration.ofDays(1));
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      all.addAll(f.list(25));
    }
    assertThat(rules(all)).as("275 is under 3 × the faded peak of 100").doesNotContain(Rule.MASS_READ);
    all.addAll(f.list(25));
    assertThat(rules(all)).contains(Rule.MASS_READ);
  }

  @Test
  void massReadOverAnHourCatchesAPacedRead() {
    RuleFixture f = new RuleFixture();
    List<Finding> all = new ArrayList<>();
    for (int minute = 0; minute < 60 && !rules(all).contains(Rule.MASS_READ); minute++) {
      all.addAll(f.list(6));
      f.advance(Duration.ofMinutes(1));
    }
    assertThat(rules(all)).as("the daily floor is crossed first, then the hourly one").containsExactly(Rule.DAILY_VOLUME, Rule.MASS_READ);
    assertThat(all.get(1).summary()).contains("in an hour");
  }

  @Test
  void slowInsiderIsFlaggedByDailyVolumeWithinTheFirstDay() {
    RuleFixture f = new RuleFixture();
    f.ordinaryDays(10, 2);
    // the same person now reads 12 extra records every 10 minutes, all day: never a burst
    List<Finding> all = new ArrayList<>();
    int read = 0;
    for (int slot = 0; slot < 48 && all.isEmpty(); slot++) {
      for (int i = 0; i < 14; i++) {
        all.addAll(f.readNew());
        read++;
      }
      f.advance(Duration.ofMinutes(10));
    }
    assertThat(rules(all)).containsExactly(Rule.DAILY_VOLUME);
    assertThat(read).as("flagged at 2.5 × a typical day of 96").isLessThan(300);
  }

  @Test
  void enumerationFiresOnManySingleReadsBeforeMassRead() {
    RuleFixture f = new RuleFixture();
    List<Finding> all = new ArrayList<>();
    int read = 0;
    while (all.isEmpty()) {
      all.addAll(f.readNew());
      read++;
      f.advance(Duration.ofMillis(200));
    }
    assertThat(rules(all)).containsExactly(Rule.ENUMERATION);
    assertThat(read).isEqualTo(51);
  }

  @Test
  void enumerationFiresOnNotFoundAnswers() {
    RuleFixture f = new RuleFixture();
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      all.addAll(f.activity.onNotFound(f.now, f.context()));
      f.advance(Duration.ofSeconds(1));
    }
    assertThat(rules(all)).containsExactly(Rule.ENUMERATION);
  }

  @Test
  void revealBurstFiresAboveTwentyAnHour() {
    RuleFixture f = new RuleFixture();
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      all.addAll(f.event(AuditActions.RECORD_REVEAL, List.of(f.newId()), null));
      f.advance(Duration.ofMinutes(2));
    }
    assertThat(rules(all)).containsExactly(Rule.REVEAL_BURST);
  }

  @Test
  void largeExportIsCountedAcrossItsPages() {
    RuleFixture f = new RuleFixture();
    List<Finding> all = new ArrayList<>();
    for (int page = 0; page < 6; page++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        ids.add(f.newId());
      }
      all.addAll(f.event(AuditActions.EXPORT, ids, "export-request-1"));
    }
    assertThat(rules(all)).contains(Rule.LARGE_EXPORT);
    assertThat(all.stream().filter(x -> x.rule() == Rule.LARGE_EXPORT).findFirst().orElseThrow().records()).isEqualTo(1200);
  }

  @Test
  void aDisabledRuleStaysQuiet() {
    RuleFixture f = new RuleFixture();
    f.settings.put(Rule.ENUMERATION, new RuleSetting(Rule.ENUMERATION, false, Response.SUSPEND, 50, 3));
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      all.addAll(f.readNew());
    }
    assertThat(rules(all)).doesNotContain(Rule.ENUMERATION);
  }
}
