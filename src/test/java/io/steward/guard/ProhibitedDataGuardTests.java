package io.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProhibitedDataGuardTests {

  private static final String CARD = "4111 1111 1111 1111";

  private final ProhibitedDataGuard guard = new ProhibitedDataGuard();

  @Test
  void listsEveryBuiltInDetectorEnabledByDefault() {
    assertThat(guard.detectors())
        .extracting(DetectorInfo::id)
        .containsExactlyInAnyOrder(
            "payment-card", "us-ssn", "iban", "us-bank-routing", "credit-score",
            "card-security-code", "passport-number", "drivers-licence", "secret");
    assertThat(guard.detectors())
        .allSatisfy(
            d -> {
              assertThat(d.enabled()).isTrue();
              assertThat(d.builtin()).isTrue();
              assertThat(d.name()).isNotBlank();
              assertThat(d.description()).isNotBlank();
            });
  }

  @Test
  void acceptsNullBlankAndOrdinaryText() {
    assertThat(guard.inspect(null)).isEmpty();
    assertThat(guard.inspect("   \n")).isEmpty();
    assertThat(guard.inspect("Lunch with Dana on Tuesday, 12:30, table for 4")).isEmpty();
  }

  @Test
  void refusesACardNumberInANoteWithAdviceThatHoldsNoValue() {
    Detection detection = guard.inspect("Customer read out " + CARD + " on the phone").orElseThrow();

    assertThat(detection.detectorId()).isEqualTo("payment-card");
    assertThat(detection.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(detection.advice())
        .isEqualTo(
            "This looks like a payment card number. Steward does not keep card numbers; store"
                + " your payment processor's token instead.");
    assertThat(detection.toString()).doesNotContain("4111").contains("payment-card");
  }

  @Test
  void reportsTheMostConfidentDetection() {
    Detection detection = guard.inspect("CVV 123 and card " + CARD).orElseThrow();
    assertThat(detection.detectorId()).isEqualTo("payment-card");
    assertThat(guard.inspectAll("CVV 123 and card " + CARD))
        .extracting(Detection::detectorId)
        .containsExactly("payment-card", "card-security-code");
  }

  @Test
  void aDisabledDetectorNoLongerRefuses() {
    guard.disable("payment-card");

    assertThat(guard.inspect(CARD)).isEmpty();
    assertThat(guard.detectors())
        .filteredOn(d -> d.id().equals("payment-card"))
        .singleElement()
        .satisfies(d -> assertThat(d.enabled()).isFalse());

    guard.enable("payment-card");
    assertThat(guard.inspect(CARD)).isPresent();
  }

  @Test
  void refusesUnknownDetectorIds() {
    assertThatThrownBy(() -> guard.disable("no-such-thing"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> guard.removeCustomDetector("payment-card"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inspectsSafelyWhileSettingsChange() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> readers =
          List.of(pool.submit(this::inspectMany), pool.submit(this::inspectMany), pool.submit(this::inspectMany));
      for (int i = 0; i < 200; i++) {
        guard.setEnabled("iban", i % 2 == 0);
      }
      guard.enable("iban");
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(2_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The card detector is never switched here, so every inspection must refuse. */
  private int inspectMany() {
    int refused = 0;
    for (int i = 0; i < 2_000; i++) {
      if (guard.inspect("IBAN DE89 3704 0044 0532 0130 00 or card " + CARD).isPresent()) {
        refused++;
      }
    }
    return refused;
  }
}
