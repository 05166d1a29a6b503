package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.FreshMfa;
import io.steward.access.Principal;
import io.steward.access.RequestInfo;
import io.steward.access.SecondFactors;
import io.steward.monitoring.baseline.Count;
import io.steward.monitoring.rules.UserActivity;
import io.steward.monitoring.watch.CountShare;
import io.steward.monitoring.watch.Watcher;
import io.steward.records.RecordService;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.SecondNode;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two nodes on one PostgreSQL behind a round-robin balancer: the live counts the rules read are shared, so a walk
 * through the records split over both nodes is contained at the floor one node alone would apply (enumeration: 50
 * records opened one by one in 5 minutes), the counts reach the other node by themselves within a second or two,
 * and they survive a node's restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeCountsOnPostgresTest extends AppTestBase {

  @DynamicPropertySource
  static void pg(DynamicPropertyRegistry registry) {
    usePostgres(registry);
  }

  @Autowired Environment env;
  @Autowired DataSource dataSource;
  @Autowired RecordService records;
  @Autowired CountShare share;
  @Autowired FreshMfa freshMfa;
  @Autowired SecondFactors factors;
  SecondNode nodeB;
  final List<String> contactIds = new ArrayList<>();

  @BeforeAll
  void startSecondNode() {
    for (int i = 0; i < 120; i++) {
      contactIds.add(records.create(Principal.system(), "contacts",
          Map.of("firstName", "Test", "lastName", "Split" + i, "email", "split" + i + "@example.test")).id().toString());
    }
    nodeB = SecondNode.start(dataSource, env);
  }

  @AfterAll
  void stopSecondNode() {
    nodeB.close();
  }

  @Test
  void aWalkSplitAcrossTwoNodesIsContainedAtTheSingleNodeFloor() {
    TestUser victim = users.withRole("support");
    List<String> readOnA = new ArrayList<>();
    List<String> readOnB = new ArrayList<>();
    int refusal = 0;
    for (int i = 0; i < contactIds.size() && refusal == 0; i++) {
      boolean onA = i % 2 == 0;
      String id = contactIds.get(i);
      int status = onA ? onA("/api/v1/contacts/" + id, victim) : nodeB.get("/api/v1/contacts/" + id, victim.token());
      if (status == 200) {
        (onA ? readOnA : readOnB).add(id);
      } else {
        refusal = status;
      }
      // the node that answered shares its counts, the other takes them: what the scheduled ticks do every second
      (onA ? share : nodeB.bean(CountShare.class)).tick();
      (onA ? nodeB.bean(CountShare.class) : share).tick();
    }
    assertThat(refusal).isEqualTo(401);
    // each node keeps its own "read lately" set: the records each counted
    assertThat(RuleFixture.fresh(readOnA) + RuleFixture.fresh(readOnB)).as("records counted before containment, alternating nodes")
        .isEqualTo(50);
    assertThat(readOnA.size() + readOnB.size()).as("records received").isBetween(50, 52);
    assertThat(SecondNode.within(Duration.ofSeconds(5), () -> onA("/api/v1/contacts", victim))).isEqualTo(401);
    assertThat(SecondNode.within(Duration.ofSeconds(5), () -> nodeB.get("/api/v1/contacts", victim.token()))).isEqualTo(401);
  }

  @Test
  void countsReachTheOtherNodeWithinSecondsByThemselves() {
    TestUser u = users.withRole("support");
    assertThat(nodeB.get("/api/v1/contacts/" + contactIds.get(0), u.token())).isEqualTo(200);
    for (int i = 1; i <= 20; i++) {
      assertThat(onA("/api/v1/contacts/" + contactIds.get(i), u)).isEqualTo(200);
    }
    long expected = 1 + RuleFixture.fresh(contactIds.subList(1, 21));
    UserActivity onB = nodeB.bean(Watcher.class).activity(u.id());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (onB.count(Count.SINGLES_5M, Instant.now()) < expected && System.nanoTime() < deadline) {
      sleep(100);
    }
    assertThat(onB.count(Count.SINGLES_5M, Instant.now())).isEqualTo(expected);
  }

  @Test
  void countsSurviveANodesRestart() {
    TestUser victim = users.withRole("support");
    for (int i = 0; i < 30; i++) {
      assertThat(nodeB.get("/api/v1/contacts/" + contactIds.get(i), victim.token())).isEqualTo(200);
    }
    nodeB.close();
    nodeB = SecondNode.start(dataSource, env);
    int read = 30;
    while (read < contactIds.size() && nodeB.get("/api/v1/contacts/" + contactIds.get(read), victim.token()) == 200) {
      read++;
    }
    int counted = RuleFixture.fresh(contactIds.subList(0, 30)) + RuleFixture.fresh(contactIds.subList(30, read));
    assertThat(counted).as("the restarted node counts what it read before it stopped").isEqualTo(50);
  }

  @Test
  void aFreshMfaDemandIsEnforcedOnEveryNode() {
    TestUser u = users.withRole("support");
    AuthenticatorApp app = new AuthenticatorApp(factors.startTotp(u.id()).secret());
    factors.confirmTotp(u.id(), app.codeAt(Instant.now()), RequestInfo.NONE).orElseThrow();
    assertThat(nodeB.get("/api/v1/contacts", u.token())).isEqualTo(200);

    assertThat(freshMfa.demand(Principal.system(), u.id(), Map.of("rule", "test"))).isTrue();

    assertThat(onA("/api/v1/contacts", u)).as("at once on the node that demanded it").isEqualTo(403);
    assertThat(SecondNode.within(Duration.ofSeconds(5), () -> nodeB.get("/api/v1/contacts", u.token()))).isEqualTo(403);
  }

  private int onA(String path, TestUser u) {
    return SecondNode.status(url(path), u.token());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
