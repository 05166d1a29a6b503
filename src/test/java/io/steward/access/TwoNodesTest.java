package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.SecondNode;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Two Steward nodes on one PostgreSQL: a revocation on one node stops the same session or token on the other within seconds. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest extends AppTestBase {

  @DynamicPropertySource
  static void pg(DynamicPropertyRegistry registry) {
    usePostgres(registry);
  }

  @Autowired Environment env;
  @Autowired javax.sql.DataSource dataSource;
  @Autowired Accounts accounts;
  @Autowired ApiTokens tokens;
  SecondNode nodeB;

  @BeforeAll
  void startSecondNode() {
    nodeB = SecondNode.start(dataSource, env);
  }

  @AfterAll
  void stopSecondNode() {
    nodeB.close();
  }

  @Test
  void tokenRevokedOnOneNodeStopsOnTheOtherWithinSeconds() {
    TestUser sales = users.withRole("sales");
    assertThat(nodeB.get("/api/v1/contacts", sales.token())).isEqualTo(200);

    tokens.of(sales.id()).forEach(t -> tokens.revoke(Principal.system(), t.id()));

    assertThat(SecondNode.within(Duration.ofSeconds(5), () -> nodeB.get("/api/v1/contacts", sales.token()))).isEqualTo(401);
  }

  @Test
  void grantRevokedOnOneNodeEndsTheSessionOnTheOther() {
    TestUser sales = users.withRole("sales");
    WebSession onB = new WebSession(nodeB.url(""));
    onB.signIn(sales.email(), TestUsers.PASSWORD);
    assertThat(onB.get("/o/contacts").status()).isEqualTo(200);

    accounts.find(sales.id()).orElseThrow().grants().forEach(g -> accounts.revokeGrant(Principal.system(), g.id()));

    assertThat(SecondNode.within(Duration.ofSeconds(5), () -> onB.get("/o/contacts").status())).isEqualTo(302);
  }
}
