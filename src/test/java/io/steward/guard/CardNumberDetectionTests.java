package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CardNumberDetectionTests {

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  @Property(tries = 3000)
  void refusesEveryValidCardNumberInAnyLayoutAndSurroundingText(@ForAll("cardsInText") String text) {
    assertThat(guard.inspect(text))
        .hasValueSatisfying(d -> assertThat(d.detectorId()).isEqualTo("payment-card"));
    assertThat(guard.inspect(text).orElseThrow().confidence()).isEqualTo(Confidence.HIGH);
  }

  @Property(tries = 2000)
  void doesNotCallANumberWithAWrongCheckDigitACard(@ForAll("wrongLuhn") String text) {
    assertThat(guard.inspectAll(text)).noneMatch(d -> d.detectorId().equals("payment-card"));
  }

  @Provide
  Arbitrary<String> cardsInText() {
    Arbitrary<String> layouts =
        Combinators.combine(SensitiveValues.cardDigits(), Arbitraries.of(SensitiveValues.SEPARATORS))
            .as(SensitiveValues::grouped);
    return SensitiveValues.embedded(layouts);
  }

  /**
   * Valid numbers with the check digit changed. Limited to layouts with no run of groups of 13
   * or more digits inside them (whole, or 13-16 digits grouped), since such a run may itself be a
   * valid card number.
   */
  @Provide
  Arbitrary<String> wrongLuhn() {
    Arbitrary<String> broken =
        Combinators.combine(
                SensitiveValues.cardDigits(),
                Arbitraries.of(SensitiveValues.SEPARATORS),
                Arbitraries.integers().between(1, 9))
            .as(
                (digits, sep, delta) -> {
                  int last = digits.charAt(digits.length() - 1) - '0';
                  String wrong = digits.substring(0, digits.length() - 1) + (last + delta) % 10;
                  return SensitiveValues.grouped(wrong, digits.length() <= 16 ? sep : "");
                });
    return SensitiveValues.embedded(broken);
  }
}
