package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.guard.CreditVerification.Outcome;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PaymentToken and CreditVerification: what Steward keeps instead of cards and scores. */
class SafeAlternativesTests {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 29);

  @ParameterizedTest
  @ValueSource(
      strings = {"tok_1MqLbZ2eZvKYlo2C", "pm_1NqXyZ2eZvKYlo2C", "cus_NffrFeUfNV2Hib",
          "card_1MvoiELkdIwHu7ix", "src_1HxYzA2eZvKYlo2C"})
  void acceptsProcessorTokens(String token) {
    PaymentToken kept = PaymentToken.of(token, CardBrand.VISA, "4242");

    assertThat(kept.token()).isEqualTo(token);
    assertThat(kept.display()).isEqualTo("VISA •••• 4242");
    assertThat(kept.toString()).doesNotContain(token).doesNotContain("4242");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"4111111111111111", "4111 1111 1111 1111", "tok_4111111111111111",
          "pm_378282246310005", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "tok_abc", "", "TOK_1MqLbZ2eZvKYlo2C"})
  void refusesCardNumbersSecretsAndUnknownFormats(String token) {
    assertThatThrownBy(() -> PaymentToken.of(token, CardBrand.VISA, "1111"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(token.isEmpty() ? "\u0000" : token);
  }

  @Test
  void refusesACardNumberHiddenInAnAcceptedFormat() {
    assertThatThrownBy(() -> PaymentToken.of("tok_4111111111111111", CardBrand.VISA, "1111"))
        .isInstanceOf(ProhibitedDataException.class)
        .satisfies(
            e -> assertThat(((ProhibitedDataException) e).detection().detectorId()).isEqualTo("payment-card"));
  }

  @Test
  void acceptsBusinessSpecificTokenFormats() {
    PaymentToken.Formats adyen = PaymentToken.Formats.of(List.of("[A-Z0-9]{16}"));

    assertThat(PaymentToken.of("8415718415718415", CardBrand.MASTERCARD, "0004", adyen).brand())
        .isEqualTo(CardBrand.MASTERCARD);
    assertThatThrownBy(() -> PaymentToken.of("5555555555554444", CardBrand.MASTERCARD, "4444", adyen))
        .isInstanceOf(ProhibitedDataException.class);
  }

  @Test
  void requiresExactlyFourLastDigits() {
    assertThatThrownBy(() -> PaymentToken.of("tok_1MqLbZ2eZvKYlo2C", CardBrand.VISA, "42"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsACreditCheckOutcomeWithoutTheScore() {
    CreditVerification check =
        new CreditVerification(Outcome.PASSED, DAY, "dana.whitfield", "Experian", "EXP-2026-00042117");

    assertThat(check.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(check.toString()).contains("PASSED").doesNotContain("Experian").doesNotContain("00042117");
    assertThat(new CreditVerification(Outcome.FAILED, DAY, "dana", "Equifax", null).reference()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"FICO 712", "score 640 per Experian", "credit score: 805", "712"})
  void refusesAScoreInTheReference(String reference) {
    assertThatThrownBy(() -> new CreditVerification(Outcome.PASSED, DAY, "dana", "Experian", reference))
        .isInstanceOf(ProhibitedDataException.class)
        .hasMessageNotContaining(reference)
        .satisfies(
            e -> assertThat(((ProhibitedDataException) e).detection().detectorId()).isEqualTo("credit-score"));
  }

  @Test
  void refusesAScoreInTheProvider() {
    assertThatThrownBy(() -> new CreditVerification(Outcome.FAILED, DAY, "dana", "TransUnion 588", "ref A-1"))
        .isInstanceOf(ProhibitedDataException.class);
  }
}
