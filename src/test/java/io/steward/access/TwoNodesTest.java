package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.OtherNode;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
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
  ConfigurableApplicationContext nodeB;
  int portB;

  @BeforeAll
  void startSecondNode() {
    nodeB = OtherNode.start(env, dataSource, WebApplicationType.SERVLET);
    portB = OtherNode.port(nodeB);
  }

  @AfterAll
  void stopSecondNode() {
    nodeB.close();
  }

  @Test
  void tokenRevokedOnOneNodeStopsOnTheOtherWithinSeconds() throws Exception {
    TestUser sales = users.withRole("sales");
    assertThat(status("http://localhost:" + portB + "/api/v1/contacts", sales.token())).isEqualTo(200);

    tokens.of(sales.id()).forEach(t -> tokens.revoke(Principal.system(), t.id()));

    assertThat(within(Duration.ofSeconds(5), () -> status("http://localhost:" + portB + "/api/v1/contacts", sales.token()))).isEqualTo(401);
  }

  @Test
  void grantRevokedOnOneNodeEndsTheSessionOnTheOther() {
    TestUser sales = users.withRole("sales");
    WebSession onB = new WebSession("http://localhost:" + portB);
    onB.signIn(sales.email(), TestUsers.PASSWORD);
    assertThat(onB.get("/o/contacts").status()).isEqualTo(200);

    accounts.find(sales.id()).orElseThrow().grants().forEach(g -> accounts.revokeGrant(Principal.system(), g.id()));

    assertThat(within(Duration.ofSeconds(5), () -> onB.get("/o/contacts").status())).isEqualTo(302);
  }

  /** The last answer seen once it differs from the first one, or when time runs out. */
  private static int within(Duration limit, IntSupplier call) {
    long end = System.nanoTime() + limit.toNanos();
    int first = call.getAsInt();
    int last = first;
    while (System.nanoTime() < end && last == first) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = call.getAsInt();
    }
    return last;
  }

  private static int status(String url, String token) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
