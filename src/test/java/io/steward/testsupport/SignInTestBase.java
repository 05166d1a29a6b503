package io.steward.testsupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Sign-in tests: a running Steward whose clock the test moves. Every request comes from 127.0.0.1, so the
 * per-address credential-stuffing block is set out of reach here (it has its own test on the throttle itself).
 */
@Import(SignInTestBase.ClockConfiguration.class)
@TestPropertySource(properties = {"steward.access.throttle-ip-accounts=100000", "steward.access.throttle-ip-failures=100000"})
public abstract class SignInTestBase extends AppTestBase {

  @Autowired protected MutableClock clock;

  @TestConfiguration(proxyBeanMethods = false)
  static class ClockConfiguration {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock();
    }
  }

  protected WebSession browser() {
    return new WebSession(url(""));
  }
}
