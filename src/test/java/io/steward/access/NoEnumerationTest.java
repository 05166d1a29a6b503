package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import io.steward.testsupport.WebSession.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page does not tell whether an account exists: the same answer, the same page, and (compared
 * leniently, on a shared machine) the same time for an unknown email as for a wrong password, because the
 * password check hashes a dummy password for unknown accounts.
 */
class NoEnumerationTest extends SignInTestBase {

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() {
    TestUser known = users.withRole("support");
    WebSession b = browser();
    Page wrongPassword = b.signIn(known.email(), "not the right password at all");
    Page unknown = b.signIn("nobody-" + UUID.randomUUID() + "@example.test", "not the right password at all");
    assertThat(wrongPassword.status()).isEqualTo(unknown.status()).isEqualTo(302);
    assertThat(wrongPassword.location()).isEqualTo(unknown.location()).endsWith("/login?error");
    assertThat(withoutToken(b.get("/login?error").body())).isEqualTo(withoutToken(b.get("/login?error").body()))
        .contains("The email or password is wrong, or your access has ended.");
  }

  @Test
  void anAccountWithoutAPasswordAnswersLikeAnUnknownOne() {
    UUID id = accounts().createUser(Principal.system(), new Accounts.NewUser("sso-only-" + UUID.randomUUID() + "@example.test", "SSO only",
        null, UserKind.STAFF, null, null));
    accounts().grant(Principal.system(), id, "support", null, null, null, "test");
    String email = accounts().find(id).orElseThrow().email();
    assertThat(browser().signIn(email, "anything whatsoever here").location()).endsWith("/login?error");
  }

  @Test
  void unknownEmailAndWrongPasswordTakeAboutTheSameTime() {
    TestUser known = users.withRole("support");
    WebSession b = browser();
    b.signIn(known.email(), "warm-up password one"); // JIT, connection pool, the dummy hash prepared on first use
    b.signIn("warm-" + UUID.randomUUID() + "@example.test", "warm-up password two");
    List<Long> wrong = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      clock.advance(Duration.ofMinutes(16)); // past the throttle's wait for this account and address
      wrong.add(time(() -> b.signIn(known.email(), "a wrong password " + UUID.randomUUID())));
      unknown.add(time(() -> b.signIn("nobody-" + UUID.randomUUID() + "@example.test", "a wrong password")));
    }
    double ratio = (double) median(unknown) / median(wrong);
    assertThat(ratio).as("median unknown/wrong = %s, wrong %s, unknown %s", ratio, wrong, unknown).isBetween(0.6, 1.67);
  }

  private Accounts accounts() {
    return applicationContext.getBean(Accounts.class);
  }

  @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext applicationContext;

  private static long time(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return System.nanoTime() - start;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String withoutToken(String body) {
    return body.replaceAll("value=\"[^\"]*\"", "").replaceAll("content=\"[^\"]*\"", "");
  }
}
