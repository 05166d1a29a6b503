package io.steward.monitoring;

import static io.steward.monitoring.RuleFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditActions;
import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.baseline.Count;
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

  /**
   * The burst's first part, read before a fixed 5-minute boundary, is not learned as the user's usual peak while its
   * second part is still being read (which used to let up to three times the floor through), and the window slides
   * over the boundary: wherever the boundary falls, the 51st record opened is the one that sets the rule off.
   */
  @Test
  void aBurstStraddlingAWindowBoundaryIsContainedAtTheFloor() {
    for (int before : new int[] {1, 10, 25, 40, 49, 50}) {
      RuleFixture f = new RuleFixture();
      f.now = f.now.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusMillis(200L * before + 100);
      List<Finding> all = new ArrayList<>();
      int read = 0;
      while (all.isEmpty() && read < 200) {
        all.addAll(f.readNew());
        read++;
        f.advance(Duration.ofMillis(200));
      }
      assertThat(rules(all)).as(before + " read before the boundary").containsExactly(Rule.ENUMERATION);
      assertThat(read).as(before + " read before the boundary").isEqualTo(51);
    }
  }

  @Test
  void aPageBurstStraddlingAWindowBoundaryIsContainedAtTheFloor() {
    for (int pagesBefore = 1; pagesBefore <= 6; pagesBefore++) {
      RuleFixture f = new RuleFixture();
      f.now = f.now.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(2L * pagesBefore + 1);
      List<Finding> all = new ArrayList<>();
      int pages = 0;
      while (all.isEmpty() && pages < 40) {
        all.addAll(f.list(25));
        pages++;
        f.advance(Duration.ofSeconds(2));
      }
      assertThat(rules(all)).containsExactly(Rule.MASS_READ);
      assertThat(pages * 25).as(pagesBefore + " pages before the boundary").isEqualTo(175);
    }
  }

  @Test
  void otherNodesCountsCountTowardsTheFloor() {
    RuleFixture f = new RuleFixture();
    f.activity.otherNodes(Count.SINGLES_5M, bucket(Count.SINGLES_5M, f.now.minusSeconds(90)), 30);
    f.activity.otherNodes(Count.SINGLES_5M, bucket(Count.SINGLES_5M, f.now), 15);
    List<Finding> all = new ArrayList<>();
    int read = 0;
    while (all.isEmpty()) {
      all.addAll(f.readNew());
      read++;
    }
    assertThat(rules(all)).containsExactly(Rule.ENUMERATION);
    assertThat(read).as("45 read on other nodes in the window").isEqualTo(6);
    assertThat(all.get(0).summary()).contains("51 different records");
  }

  @Test
  void aPeriodAboveTheLimitOnAnotherNodeIsNotLearned() {
    RuleFixture f = new RuleFixture();
    f.list(10);
    f.activity.otherNodes(Count.READS_5M, bucket(Count.READS_5M, f.now), 190);
    f.advance(Duration.ofMinutes(5));
    f.list(1);
    f.advance(Duration.ofMinutes(5));
    f.list(1);
    f.advance(Duration.ofMinutes(5));
    f.list(1);
    assertThat(f.activity.baseline().peak(Baseline.Window.READS_5M, f.now)).as("200 in 5 minutes set the rule off somewhere").isLessThan(10);

    RuleFixture g = new RuleFixture();
    g.list(10);
    g.activity.otherNodes(Count.READS_5M, bucket(Count.READS_5M, g.now), 90);
    for (int i = 0; i < 3; i++) {
      g.advance(Duration.ofMinutes(5));
      g.list(1);
    }
    assertThat(g.activity.baseline().peak(Baseline.Window.READS_5M, g.now)).as("100 on two nodes, learned once complete")
        .isCloseTo(100, org.assertj.core.data.Offset.offset(0.1));
  }

  private static long bucket(Count c, java.time.Instant at) {
    return Math.floorDiv(at.toEpochMilli(), c.bucketMillis());
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
