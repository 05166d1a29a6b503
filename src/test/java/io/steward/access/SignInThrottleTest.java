package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.store.ThrottleStore;
import io.steward.testsupport.SignInTestBase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guessing does not pay, and a guesser cannot lock the owner out: the counters behind the throttle, with the
 * default settings, on the shared database table.
 */
class SignInThrottleTest extends SignInTestBase {

  @Autowired ThrottleStore store;

  private SignInThrottle throttle() {
    return new SignInThrottle(store, new AccessProperties(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofDays(30), Duration.ofDays(365),
        false, Duration.ofMinutes(10), true, 3, Duration.ofMinutes(15), 20, Duration.ofSeconds(60), 10, 100, Duration.ofHours(1)), clock);
  }

  private static String account() {
    return "victim-" + UUID.randomUUID() + "@example.test";
  }

  @Test
  void repeatedFailuresFromOneAddressGrowDelaysUpToATemporaryLock() {
    SignInThrottle t = throttle();
    String a = account();
    String attacker = "203.0.113.10";
    for (int i = 0; i < 3; i++) {
      assertThat(t.check(a, attacker, false).allowed()).isTrue();
      t.failed(a, attacker);
    }
    assertThat(t.check(a, attacker, false).allowed()).isFalse();
    assertThat(t.check(a, attacker, false).retryAfter()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(20));
      t.failed(a, attacker);
    }
    SignInThrottle.Verdict locked = t.check(a, attacker, false);
    assertThat(locked.allowed()).isFalse();
    assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(t.check(a, attacker, false).allowed()).as("the lock ends by itself").isTrue();
  }

  @Test
  void anAttackersLockDoesNotLockTheOwnerOut() {
    SignInThrottle t = throttle();
    String a = account();
    for (int i = 0; i < 8; i++) {
      t.failed(a, "203.0.113.11");
    }
    assertThat(t.check(a, "203.0.113.11", false).allowed()).isFalse();
    assertThat(t.check(a, "198.51.100.20", false).allowed()).as("owner's address").isTrue();
  }

  @Test
  void failuresFromManyAddressesOnlySlowTheAccountAndKnownDevicesSkipTheWait() {
    SignInThrottle t = throttle();
    String a = account();
    for (int i = 0; i < 40; i++) {
      t.failed(a, "192.0.2." + i);
    }
    SignInThrottle.Verdict slowed = t.check(a, "198.51.100.21", false);
    assertThat(slowed.allowed()).isFalse();
    assertThat(slowed.retryAfter()).as("only a short wait, never a lock").isLessThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(t.check(a, "198.51.100.21", true).allowed()).as("a browser that signed in before").isTrue();
    clock.advance(Duration.ofSeconds(61));
    assertThat(t.check(a, "198.51.100.21", false).allowed()).isTrue();
  }

  @Test
  void credentialStuffingFromOneAddressIsBlocked() {
    SignInThrottle t = throttle();
    String stuffer = "203.0.113.99";
    for (int i = 0; i < 10; i++) {
      String a = account();
      assertThat(t.check(a, stuffer, false).allowed()).isTrue();
      t.failed(a, stuffer);
    }
    SignInThrottle.Verdict blocked = t.check(account(), stuffer, false);
    assertThat(blocked.allowed()).isFalse();
    assertThat(blocked.reason()).isEqualTo("address");
    assertThat(t.check(account(), "198.51.100.30", false).allowed()).as("other addresses").isTrue();
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(t.check(account(), stuffer, false).allowed()).isTrue();
  }

  @Test
  void aSuccessForgivesThatAddressOnly() {
    SignInThrottle t = throttle();
    String a = account();
    for (int i = 0; i < 5; i++) {
      t.failed(a, "203.0.113.12");
      t.failed(a, "198.51.100.40");
    }
    t.succeeded(a, "198.51.100.40");
    assertThat(t.check(a, "198.51.100.40", false).allowed()).isTrue();
    assertThat(t.check(a, "203.0.113.12", false).allowed()).isFalse();
  }
}
