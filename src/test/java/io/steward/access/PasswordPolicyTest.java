package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NIST SP 800-63B: length, a breached-password list at any length, and no composition rules. */
class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  @Test
  void bundlesAtLeastAHundredThousandBreachedPasswords() {
    assertThat(policy.refusedCount()).isGreaterThanOrEqualTo(100_000);
  }

  @Test
  void refusesCommonAndBreachedPasswordsOfAnyLengthWhateverTheirCase() {
    for (String p : new String[] {"1qaz2wsx3edc", "qwertyuiop123", "Password1234", "iloveyou1234", "administrator"}) {
      assertThat(policy.isRefused(p)).as(p).isTrue();
      assertThatThrownBy(() -> policy.check(p, "someone@example.test")).isInstanceOf(AccessRequestException.class)
          .hasMessageContaining("too common");
    }
    assertThat(policy.isRefused("123456")).isTrue();
    assertThat(policy.isRefused("PASSWORD")).isTrue();
  }

  @Test
  void acceptsLongUncommonPassphrasesWithoutCompositionRules() {
    assertThatCode(() -> policy.check("lanterns drift over quiet harbours", "someone@example.test")).doesNotThrowAnyException();
    assertThatCode(() -> policy.check("onlylowercaseletters", "someone@example.test")).doesNotThrowAnyException();
  }

  @Test
  void refusesShortPasswordsAndTheEmailName() {
    assertThatThrownBy(() -> policy.check("short pass", "a@example.test")).hasMessageContaining("at least 12");
    assertThatThrownBy(() -> policy.check("margaret-the-great-2024", "margaret@example.test")).hasMessageContaining("email name");
  }
}
